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

/** Parses the files of a request again and runs the OpenAPI schema over them (on the worker, or here as a fallback). */
export function answerStructureRequest(request: StructureRequest): StructureErrors {
  const files = new Map<string, SpecFile>();
  for (const f of request.files) {
    const text = f.text ?? decodeTextBytes({ bytes: Buffer.from(f.bytes?.buffer ?? new ArrayBuffer(0), f.bytes?.byteOffset, f.bytes?.byteLength) });
    const parsed = parseSpecText({ file: f.file, text });
    if (!parsed.ok) throw new Error(`${f.file} did not parse again`);
    files.set(f.key, createSpecFile({ file: f.file, key: f.key, text, value: parsed.value, format: parsed.format }));
  }
  const root = files.get(request.rootKey);
  if (!root) throw new Error("no root file");
  return structureErrors({ files, root, version: request.version });
}
