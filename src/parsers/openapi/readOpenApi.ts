import path from "node:path";
import type { ApiModel, Diagnostic } from "../../ir/types.js";
import { createDiagnostic, sortDiagnostics } from "../../diagnostics/createDiagnostic.js";
import { buildApiModel } from "./buildApiModel.js";
import { createLocator, type Locate } from "./createLocator.js";
import { isRecord } from "./jsonPointer.js";
import { loadSpecFiles } from "./loadSpecFiles.js";
import type { SpecVersion } from "./ReadContext.js";
import type { SpecFile } from "./SpecFile.js";
import { sourceOf, type SourceDocument } from "./SourceDocument.js";
import { clearSpecFileMemo, readSpecFile } from "./readSpecFile.js";
import { clearStructureMemo } from "./validateStructureIncrementally.js";
import { startStructureValidation } from "./validateStructureInParallel.js";

export interface ReadOpenApiResult {
  /** `null` only when nothing usable could be read (missing file, invalid syntax, not OpenAPI, unsupported version). */
  api: ApiModel | null;
  /** Every problem found, sorted, each with file, line and column (and the JSON pointer). */
  diagnostics: Diagnostic[];
  /** Line and column of any JSON pointer in any file read. */
  locate: Locate;
  /** The files read, root first, as read (bytes and parsed value): for the render and the check cache. */
  sources: SourceDocument[];
}

/**
 * Forgets what earlier reads in this process kept for the next one (files read and parsed, structural validation
 * results): of every file, or of the files of one root document (`file` as passed to `readOpenApi`, and the files
 * it reached). The next read is then a fresh one, for tests and "fresh" comparisons.
 */
export function clearOpenApiMemo({ files }: { files?: readonly string[] } = {}): void {
  if (files === undefined) {
    clearSpecFileMemo();
    clearStructureMemo();
    return;
  }
  for (const file of files) {
    const key = path.resolve(file);
    clearSpecFileMemo(key);
    clearStructureMemo(key);
  }
}

/** The version family of a document, or the diagnostic saying why it is not one vx-gen reads. */
function detectVersion({ root }: { root: SpecFile }): { ok: true; version: SpecVersion; written: string } | { ok: false; diagnostic: Diagnostic } {
  const value = root.value;
  const at = (pointer: string) => ({ file: root.file, pointer });
  if (isRecord(value) && (typeof value.swagger === "string" || typeof value.swagger === "number")) {
    const written = String(value.swagger);
    if (written === "2.0" || written === "2") return { ok: true, version: "2.0", written: "2.0" };
    return { ok: false, diagnostic: createDiagnostic({ code: "VX102", message: `Swagger version "${written}" is not supported; vx-gen reads 2.0, 3.0.x and 3.1.x`, location: at("/swagger") }) };
  }
  if (isRecord(value) && (typeof value.openapi === "string" || typeof value.openapi === "number")) {
    const written = String(value.openapi);
    if (/^3\.0(\.\d+)?$/.test(written)) return { ok: true, version: "3.0", written };
    if (/^3\.1(\.\d+)?$/.test(written)) return { ok: true, version: "3.1", written };
    return { ok: false, diagnostic: createDiagnostic({ code: "VX102", message: `OpenAPI version "${written}" is not supported; vx-gen reads 2.0, 3.0.x and 3.1.x`, location: at("/openapi") }) };
  }
  return {
    ok: false,
    diagnostic: createDiagnostic({
      code: "VX101",
      message: isRecord(value) ? "not an OpenAPI or Swagger document: no `openapi` or `swagger` version field" : "not an OpenAPI or Swagger document: the top level is not an object",
      location: at(""),
      help: "the root file must start with `openapi: 3.x.y` or `swagger: \"2.0\"`",
    }),
  };
}

/**
 * Fills in line and column of every diagnostic that has a pointer (info diagnostics only with `locateInfo`: a big spec
 * has thousands and locating them costs a scan of the text), then sorts them.
 */
function finish({ diagnostics, locate, locateInfo }: { diagnostics: Diagnostic[]; locate: Locate; locateInfo: boolean }): Diagnostic[] {
  for (const diagnostic of diagnostics) {
    if (!locateInfo && diagnostic.severity === "info") continue;
    const location = diagnostic.location;
    if (location && location.pointer !== undefined && location.line === undefined) diagnostic.location = locate({ file: location.file, pointer: location.pointer });
  }
  return sortDiagnostics(diagnostics);
}

/**
 * Reads an OpenAPI document (Swagger 2.0, OpenAPI 3.0.x or 3.1.x; JSON or YAML; one file or many joined by relative
 * `$ref`s) into the IR. Never throws for bad input: every problem is a diagnostic, and the IR is built from whatever
 * could be read (structural validation errors do not stop it).
 */
export async function readOpenApi({
  file,
  allowRemoteRefs = false,
  locateInfo = true,
}: {
  file: string;
  allowRemoteRefs?: boolean;
  /** Give info diagnostics line and column too (false when they will not be shown; they keep their pointer). */
  locateInfo?: boolean;
}): Promise<ReadOpenApiResult> {
  const nothing = (diagnostics: Diagnostic[], files: SpecFile[] = []): ReadOpenApiResult => {
    const locate = createLocator({ files });
    return { api: null, diagnostics: finish({ diagnostics, locate, locateInfo }), locate, sources: sourcesOf(files) };
  };
  const read = await readSpecFile({ path: file, key: path.resolve(file), display: file, label: "OpenAPI" });
  if (!read.ok) return nothing([read.diagnostic]);
  const root = read.spec;
  const detected = detectVersion({ root });
  if (!detected.ok) return nothing([detected.diagnostic], [root]);

  let loaded;
  try {
    loaded = await loadSpecFiles({ root, allowRemoteRefs });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return nothing([createDiagnostic({ code: "VX111", severity: "error", message: "document is nested too deeply to read", location: { file } })], [root]);
  }
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const allFiles = [root, ...[...loaded.files.values()].filter((f) => f !== root).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))];
  const locate = createLocator({ files: allFiles });

  // Structural validation of a big document runs on another thread while this one builds the IR.
  const structure = startStructureValidation({ files: loaded.files, root, version: detected.version });
  try {
    const api = buildApiModel({ root, files: loaded.files, allFiles, version: detected.version, written: detected.written, diagnostics });
    diagnostics.push(...(await structure));
    return { api, diagnostics: finish({ diagnostics, locate, locateInfo }), locate, sources: sourcesOf(allFiles) };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    diagnostics.push(...(await structure));
    diagnostics.push(createDiagnostic({ code: "VX111", severity: "error", message: "document is nested too deeply to read", location: { file } }));
    return { api: null, diagnostics: finish({ diagnostics, locate, locateInfo }), locate, sources: sourcesOf(allFiles) };
  }
}

function sourcesOf(files: readonly SpecFile[]): SourceDocument[] {
  return files.flatMap((f) => sourceOf(f) ?? []);
}
