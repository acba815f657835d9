import type { Diagnostic } from "../../ir/types.js";
import { createWorkerPool } from "../../util/createWorkerPool.js";
import type { SpecVersion } from "./ReadContext.js";
import { specFileBytes, specFileSize, type SpecFile } from "./SpecFile.js";
import { answerStructureRequest, type StructureRequest } from "./answerStructureRequest.js";
import { structureDiagnostics, structureErrors, type StructureErrors } from "./validateStructure.js";
import { rememberStructure, structureErrorsIncrementally } from "./validateStructureIncrementally.js";

/** Below this much spec text, validating here is cheaper than messaging a worker. */
export const PARALLEL_STRUCTURE_BYTES = 1_000_000;

/** One worker, kept between runs (`watch`); it holds the process open only while it validates. */
const pool = createWorkerPool<StructureRequest, StructureErrors>({
  script: new URL("./structureWorker.js", import.meta.url),
  local: async (request) => answerStructureRequest(request),
  size: 1,
});

/**
 * Starts `validateStructure`, on a second thread for big documents so it runs while this thread builds the IR (on
 * GitHub's 13 MB spec it is ~0.3 s of a one-shot run). Same diagnostics as `validateStructure`; if the worker fails,
 * validation happens here instead. After an edit of some members of a document validated before, only those are
 * validated, here (`structureErrorsIncrementally`).
 */
export function startStructureValidation({
  files,
  root,
  version,
}: {
  files: ReadonlyMap<string, SpecFile>;
  root: SpecFile;
  version: SpecVersion;
}): Promise<Diagnostic[]> {
  let size = 0;
  for (const f of files.values()) size += specFileSize(f);
  const incremental = structureErrorsIncrementally({ files, root, version, big: size >= PARALLEL_STRUCTURE_BYTES });
  if (incremental) return Promise.resolve(structureDiagnostics({ found: incremental, files, root, version }));
  const here = (): Diagnostic[] => {
    const found = structureErrors({ files, root, version });
    rememberStructure({ files, root, version, found });
    return structureDiagnostics({ found, files, root, version });
  };
  if (size < PARALLEL_STRUCTURE_BYTES) return Promise.resolve(here());
  const request: StructureRequest = {
    files: [...files.values()].map((f) => {
      const bytes = specFileBytes(f);
      return bytes ? { file: f.file, key: f.key, bytes } : { file: f.file, key: f.key, text: f.text };
    }),
    rootKey: root.key,
    version,
  };
  return pool.run(request).then((found) => {
    rememberStructure({ files, root, version, found });
    return structureDiagnostics({ found, files, root, version });
  }, here);
}

/** Validation workers this process started (0 until a big document was read, or without the compiled worker). */
export function structurePoolSize(): number {
  return pool.size();
}
