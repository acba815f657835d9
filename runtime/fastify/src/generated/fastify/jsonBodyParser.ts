import type { FastifyInstance } from "fastify";
import { ApiError } from "../runtime/errors.js";
import { nestsDeeperThan } from "../runtime/jsonDepth.js";

export { nestsDeeperThan } from "../runtime/jsonDepth.js";

/** `application/json` and its structured-syntax relatives (`application/merge-patch+json`, `application/problem+json`). */
const jsonMediaTypes: readonly (string | RegExp)[] = ["application/json", /^application\/[^\s;]*\+json\s*(?:;|$)/i];

function invalidBody(message: string): ApiError {
  return new ApiError({ code: "VALIDATION_ERROR", message: "invalid body", details: [{ field: "body", message }] });
}

/** Fastify's parse failure as a validation error naming the body (an empty body keeps Fastify's code). */
function parseFailure(error: Error & { code?: string }): Error {
  if (error.code === "FST_ERR_CTP_INVALID_JSON_BODY")
    return invalidBody("is not valid JSON (or has a __proto__ or constructor.prototype property)");
  return error;
}

/**
 * Replaces Fastify's JSON body parser with one that first refuses bodies nested deeper than `maxDepth` (400
 * VALIDATION_ERROR: a deep body would exhaust the stack of whatever walks it later), then parses as Fastify does
 * (`__proto__` and `constructor.prototype` rejected), for `application/json` and `application/*+json`.
 */
export function registerJsonBodyParser({ app, maxDepth }: { app: FastifyInstance; maxDepth: number }): void {
  const parse = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  for (const mediaType of jsonMediaTypes) {
    app.addContentTypeParser(mediaType, { parseAs: "string" }, (request, body, done) => {
      const text = typeof body === "string" ? body : body.toString("utf8");
      if (nestsDeeperThan({ text, maxDepth })) {
        done(invalidBody(`nests arrays and objects deeper than ${maxDepth} levels`), undefined);
        return;
      }
      void parse(request, text, (error, value: unknown) => done(error === null ? null : parseFailure(error), value));
    });
  }
}
