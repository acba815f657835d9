import * as prettier from "prettier";
import { serveWorkerRequests } from "../../src/util/createWorkerPool.js";

/** A request to the format pool: one text and its prettier options. */
export interface FormatRequest {
  text: string;
  options: prettier.Options & { parser: string };
}

serveWorkerRequests<FormatRequest, string>(({ text, options }) => prettier.format(text, options));
