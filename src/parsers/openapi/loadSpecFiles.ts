import path from "node:path";
import type { Diagnostic } from "../../ir/types.js";
import { createDiagnostic } from "../../diagnostics/createDiagnostic.js";
import { readTextFile } from "../../util/readTextFile.js";
import type { SpecFile } from "./SpecFile.js";
import { appendPointer, isRecord } from "./jsonPointer.js";
import { parseSpecText } from "./parseSpecText.js";
import { refAddress, resolveRef } from "./resolveRef.js";

/** A `$ref` as written: the file it is in, the pointer of the object holding it, and its value. */
export interface RefSite {
  file: SpecFile;
  /** Pointer of the `$ref` member itself (`.../$ref`). */
  pointer: string;
  ref: string;
}

export interface LoadSpecFilesResult {
  /** Every file read, by key (absolute path or URL), the root included. */
  files: Map<string, SpecFile>;
  refSites: RefSite[];
  diagnostics: Diagnostic[];
}

/** Files read at the same time; enough to hide latency on 2,850-file specs without opening too many handles. */
const CONCURRENCY = 32;

/**
 * Reads the closure of files the root reaches by `$ref`, each once: local files relative to the file holding the
 * `$ref`, remote (http/https) ones only when `allowRemoteRefs` is set (else VX105 at the `$ref`). Files that cannot
 * be read give VX106 at the `$ref` naming them; afterwards every `$ref` is checked and a dangling one gives VX104.
 */
export async function loadSpecFiles({ root, allowRemoteRefs }: { root: SpecFile; allowRemoteRefs: boolean }): Promise<LoadSpecFilesResult> {
  const files = new Map<string, SpecFile>([[root.key, root]]);
  const diagnostics: Diagnostic[] = [];
  const refSites: RefSite[] = [];
  const attempted = new Set<string>([root.key]);
  const failed = new Map<string, string>();
  let frontier: SpecFile[] = [root];

  while (frontier.length > 0) {
    const wanted = new Map<string, RefSite>();
    for (const file of frontier) {
      for (const site of collectRefSites({ file })) {
        refSites.push(site);
        const address = refAddress({ from: file, ref: site.ref });
        if (!address.ok) continue;
        if (address.remote && !allowRemoteRefs) continue;
        if (!attempted.has(address.key) && !wanted.has(address.key)) wanted.set(address.key, site);
      }
    }
    const entries = [...wanted.entries()];
    const loaded: SpecFile[] = [];
    for (let start = 0; start < entries.length; start += CONCURRENCY) {
      const batch = entries.slice(start, start + CONCURRENCY);
      const results = await Promise.all(batch.map(([key]) => loadOne({ key, root })));
      for (const [i, result] of results.entries()) {
        const key = (batch[i] as [string, RefSite])[0];
        attempted.add(key);
        if (result.ok) {
          files.set(key, result.file);
          loaded.push(result.file);
        } else {
          failed.set(key, result.reason);
          if (result.diagnostic) diagnostics.push(result.diagnostic);
        }
      }
    }
    frontier = loaded;
  }

  for (const site of refSites) {
    const address = refAddress({ from: site.file, ref: site.ref });
    const location = { file: site.file.file, pointer: site.pointer };
    if (!address.ok) {
      diagnostics.push(createDiagnostic({ code: address.code, message: address.message, location }));
      continue;
    }
    if (address.remote && !allowRemoteRefs) {
      diagnostics.push(
        createDiagnostic({
          code: "VX105",
          message: `remote $ref "${site.ref}" refused`,
          location,
          help: "vendor the referenced document next to the spec, or allow remote references explicitly (allowRemoteRefs)",
        }),
      );
      continue;
    }
    const reason = failed.get(address.key);
    if (reason !== undefined) {
      diagnostics.push(createDiagnostic({ code: "VX106", message: `$ref "${site.ref}" names a file that cannot be read: ${reason}`, location }));
      continue;
    }
    const resolved = resolveRef({ files, from: site.file, ref: site.ref });
    if (!resolved.ok) diagnostics.push(createDiagnostic({ code: resolved.code, message: resolved.message, location }));
  }
  return { files, refSites, diagnostics };
}

type LoadOneResult = { ok: true; file: SpecFile } | { ok: false; reason: string; diagnostic?: Diagnostic };

async function loadOne({ key, root }: { key: string; root: SpecFile }): Promise<LoadOneResult> {
  const display = displayPath({ key, root });
  let text: string;
  if (/^https?:/i.test(key)) {
    try {
      const response = await fetch(key);
      if (!response.ok) return { ok: false, reason: `HTTP ${response.status}` };
      text = await response.text();
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  } else {
    const read = await readTextFile({ file: key, label: "referenced" });
    if (!read.ok) return { ok: false, reason: `${read.diagnostic.message} (${read.diagnostic.code})` };
    text = read.text;
  }
  const parsed = parseSpecText({ file: display, text });
  if (!parsed.ok) return { ok: false, reason: `${display} has a syntax error`, diagnostic: parsed.diagnostic };
  return { ok: true, file: { file: display, key, text, value: parsed.value, format: parsed.format } };
}

/** How a referenced file is named in diagnostics: relative to the root file as the user named it. */
export function displayPath({ key, root }: { key: string; root: SpecFile }): string {
  if (/^https?:/i.test(key)) return key;
  const relative = path.relative(path.dirname(root.key), key);
  return path.normalize(path.join(path.dirname(root.file), relative)).split(path.sep).join("/");
}

/** Every `$ref` in a file (the `$ref` member must be a string; others are left to structural validation). */
export function collectRefSites({ file }: { file: SpecFile }): RefSite[] {
  const sites: RefSite[] = [];
  // Iterative, with parent links instead of path copies, so any nesting depth is safe and linear.
  interface Frame {
    value: unknown;
    segment: string;
    parent: Frame | undefined;
  }
  const pointerOf = (frame: Frame | undefined, last: string): string => {
    const segments = [last];
    for (let f = frame; f?.parent !== undefined; f = f.parent) segments.push(f.segment);
    return appendPointer({ pointer: "", segments: segments.reverse() });
  };
  const stack: Frame[] = [{ value: file.value, segment: "", parent: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const value = frame.value;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item: unknown = value[i];
        if (typeof item === "object" && item !== null) stack.push({ value: item, segment: String(i), parent: frame });
      }
    } else if (isRecord(value)) {
      const keys = Object.keys(value);
      for (let k = keys.length - 1; k >= 0; k--) {
        const key = keys[k] as string;
        const member = value[key];
        if (key === "$ref" && typeof member === "string") sites.push({ file, pointer: pointerOf(frame, "$ref"), ref: member });
        else if (typeof member === "object" && member !== null) stack.push({ value: member, segment: key, parent: frame });
      }
    }
  }
  return sites;
}
