import type { OperationView } from "./operationView.js";

/** Fastify's own default: a longer path parameter answers 414. */
const routerDefault = 100;

/** The most characters one code point takes percent-encoded (4 UTF-8 bytes, `%XX` each). */
const encodedCodePoint = 12;

/** Beyond this the request line alone would pass the default header size limit (16 KiB). */
const ceiling = 16_384;

/**
 * The default of MAX_PARAM_LENGTH in the generated server: the router's limit of 100 characters, or more when a path
 * parameter's schema allows a longer value (`maxLength` code points, each up to 12 characters percent-encoded), so a
 * valid request is never refused as too long (at most 16,384: the default header size limit).
 */
export function defaultMaxParamLength(views: readonly OperationView[]): number {
  let limit = routerDefault;
  for (const view of views) {
    for (const param of view.params.path) {
      const schema = param.jsonSchema;
      const maxLength = typeof schema === "object" && schema !== null && !Array.isArray(schema) ? schema.maxLength : undefined;
      if (typeof maxLength === "number" && Number.isSafeInteger(maxLength)) limit = Math.max(limit, Math.min(ceiling, maxLength * encodedCodePoint));
    }
  }
  return limit;
}
