import type { FastifyInstance } from "fastify";
import { ApiError } from "../runtime/errors.js";
import { FormBodyError, formMediaType, parseFormBody } from "../runtime/formBody.js";

/**
 * Parses `application/x-www-form-urlencoded` bodies (bracket notation, see `parseFormBody`) within the server's body
 * limit; a form too deep or with too many fields is a 400 VALIDATION_ERROR naming the body. Its values stay strings
 * until the route's check types them by the body schema (`requestCheck`).
 */
export function registerFormBodyParser({ app, maxDepth }: { app: FastifyInstance; maxDepth: number }): void {
  app.addContentTypeParser(formMediaType, { parseAs: "string" }, (_request, body, done) => {
    try {
      done(null, parseFormBody({ text: typeof body === "string" ? body : body.toString("utf8"), maxDepth }));
    } catch (error) {
      if (!(error instanceof FormBodyError)) throw error;
      done(
        new ApiError({
          code: "VALIDATION_ERROR",
          message: "invalid body",
          details: [{ field: "body", message: `is not a form vx-gen reads: ${error.message}` }],
        }),
        undefined,
      );
    }
  });
}
