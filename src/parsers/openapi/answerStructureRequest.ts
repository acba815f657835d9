import type { SpecVersion } from "./ReadContext.js";
import type { SpecFile } from "./SpecFile.js";
import { parseSpecText } from "./parseSpecText.js";
import { structureErrors, type StructureErrors } from "./validateStructure.js";

/** A spec file as sent to the worker: its text (parsed again there; a parsed value costs as much to copy as to parse). */
export interface StructureRequestFile {
  file: string;
  key: string;
  text: string;
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
    const parsed = parseSpecText({ file: f.file, text: f.text });
    if (!parsed.ok) throw new Error(`${f.file} did not parse again`);
    files.set(f.key, { file: f.file, key: f.key, text: f.text, value: parsed.value, format: parsed.format });
  }
  const root = files.get(request.rootKey);
  if (!root) throw new Error("no root file");
  return structureErrors({ files, root, version: request.version });
}
