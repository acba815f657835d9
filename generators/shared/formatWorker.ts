import { parentPort } from "node:worker_threads";
import * as prettier from "prettier";

/** A request to the format pool: one text and its prettier options. */
export interface FormatRequest {
  id: number;
  text: string;
  options: prettier.Options & { parser: string };
}

export type FormatReply = { id: number; ok: true; formatted: string } | { id: number; ok: false; message: string };

/** The worker side of `formatPool`: prettier, one text at a time. */
parentPort?.on("message", (request: FormatRequest) => {
  prettier.format(request.text, request.options).then(
    (formatted) => parentPort?.postMessage({ id: request.id, ok: true, formatted } satisfies FormatReply),
    (error: unknown) => parentPort?.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies FormatReply),
  );
});
