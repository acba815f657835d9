import type { SpecVersion } from "./ReadContext.js";
import { createSpecFile, type SpecFile } from "./SpecFile.js";
import { decodeTextBytes } from "../../util/readTextFile.js";
import { parseSpecText } from "./parseSpecText.js";
import { structureErrors, type StructureErrors } from "./validateStructure.js";

/**
 * A spec file as sent to the worker: its bytes or text (parsed again there; a parsed value costs as much to copy as to
 * parse, and bytes are half the size of the text and need no decoding here).
 */
export interface StructureRequestFile {
  file: string;
  key: string;
  text?: string;
  bytes?: Uint8Array;
}

export interface StructureRequest {
  files: StructureRequestFile[];
  rootKey: string;
  version: SpecVersion;
}

/**
 * Files parsed by earlier requests, per key (the worker lives as long as the process, and `watch` sends the same files
 * run after run): one entry per file, reused when the bytes are the same.
 */
const parsedFiles = new Map<string, { bytes: Buffer; file: string; spec: SpecFile }>();

function parseRequestFile(f: StructureRequestFile, keep: boolean): SpecFile {
  const bytes = f.bytes ? Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength) : undefined;
  const known = bytes ? parsedFiles.get(f.key) : undefined;
  if (known && bytes && known.file === f.file && known.bytes.equals(bytes)) return known.spec;
  const text = f.text ?? decodeTextBytes({ bytes: bytes ?? Buffer.alloc(0) });
  const parsed = parseSpecText({ file: f.file, text });
  if (!parsed.ok) throw new Error(`${f.file} did not parse again`);
  const spec = createSpecFile({ file: f.file, key: f.key, text, value: parsed.value, format: parsed.format });
  if (bytes && keep) parsedFiles.set(f.key, { bytes, file: f.file, spec });
  return spec;
}

/** Parses the files of a request again and runs the OpenAPI schema over them (on the worker, or here as a fallback). */
export function answerStructureRequest(request: StructureRequest): StructureErrors {
  const files = new Map<string, SpecFile>();
  // Kept for multi-file documents only (one file changes at a time; a one-file document is validated incrementally
  // on the main thread after an edit, and keeping its parse here would only hold memory).
  const keep = request.files.length > 1;
  for (const f of request.files) files.set(f.key, parseRequestFile(f, keep));
  const root = files.get(request.rootKey);
  if (!root) throw new Error("no root file");
  // Only the files of the latest request are kept.
  for (const key of parsedFiles.keys()) if (!keep || !files.has(key)) parsedFiles.delete(key);
  return structureErrors({ files, root, version: request.version });
}
