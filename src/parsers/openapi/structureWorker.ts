import { parentPort } from "node:worker_threads";
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
  id: number;
  files: StructureRequestFile[];
  rootKey: string;
  version: SpecVersion;
}

export type StructureReply = { id: number; ok: true; found: StructureErrors } | { id: number; ok: false; message: string };

/** The worker side of `validateStructureInParallel`: parses the files again and runs the OpenAPI schema over them. */
function answer(request: StructureRequest): StructureReply {
  try {
    const files = new Map<string, SpecFile>();
    for (const f of request.files) {
      const parsed = parseSpecText({ file: f.file, text: f.text });
      if (!parsed.ok) return { id: request.id, ok: false, message: `${f.file} did not parse again` };
      files.set(f.key, { file: f.file, key: f.key, text: f.text, value: parsed.value, format: parsed.format });
    }
    const root = files.get(request.rootKey);
    if (!root) return { id: request.id, ok: false, message: "no root file" };
    return { id: request.id, ok: true, found: structureErrors({ files, root, version: request.version }) };
  } catch (error) {
    return { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on("message", (request: StructureRequest) => parentPort?.postMessage(answer(request)));
