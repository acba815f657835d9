import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Diagnostic } from "../../ir/types.js";
import type { SpecVersion } from "./ReadContext.js";
import type { SpecFile } from "./SpecFile.js";
import type { StructureReply, StructureRequest } from "./structureWorker.js";
import { structureDiagnostics, validateStructure } from "./validateStructure.js";

/** Below this much spec text, validating here is cheaper than starting (or messaging) a worker. */
export const PARALLEL_STRUCTURE_BYTES = 1_000_000;

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, (reply: StructureReply) => void>();

/** One worker per process, kept between runs (`watch`); it holds the process open only while a request is pending. */
function structureWorker(): Worker | undefined {
  if (worker) return worker;
  const script = fileURLToPath(new URL("./structureWorker.js", import.meta.url));
  // Run from TypeScript sources (tests through vite) there is no .js next to this file: validate in this thread.
  if (!existsSync(script)) return undefined;
  const started = new Worker(script);
  started.unref();
  const failAll = (message: string) => {
    for (const [id, resolve] of pending) resolve({ id, ok: false, message });
    pending.clear();
    worker = undefined;
  };
  started.on("message", (reply: StructureReply) => {
    const resolve = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) started.unref();
    resolve?.(reply);
  });
  started.on("error", (error) => failAll(error.message));
  started.on("exit", () => failAll("the validation worker exited"));
  worker = started;
  return started;
}

/**
 * Starts `validateStructure`, on a second thread for big documents so it runs while this thread builds the IR (on
 * GitHub's 13 MB spec it is ~0.3 s of a one-shot run). Same diagnostics as `validateStructure`; if the worker cannot
 * run or fails, validation happens here instead.
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
  for (const f of files.values()) size += f.text.length;
  const thread = size >= PARALLEL_STRUCTURE_BYTES ? structureWorker() : undefined;
  if (!thread) return Promise.resolve(validateStructure({ files, root, version }));
  const id = nextId++;
  const request: StructureRequest = { id, files: [...files.values()].map((f) => ({ file: f.file, key: f.key, text: f.text })), rootKey: root.key, version };
  const reply = new Promise<StructureReply>((resolve) => pending.set(id, resolve));
  thread.ref();
  thread.postMessage(request);
  return reply.then((answer) => (answer.ok ? structureDiagnostics({ found: answer.found, files, root, version }) : validateStructure({ files, root, version })));
}
