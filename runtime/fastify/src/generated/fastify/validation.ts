import { ApiError } from "../runtime/errors.js";
import type { RequestPart, Validator } from "../validation/index.js";
import { validationDetails } from "./errorHandler.js";

/** What an error detail names when a whole part is wrong, and the part in the error message. */
const partNames: Record<RequestPart, string> = {
  params: "path",
  query: "query",
  headers: "header",
  cookies: "cookie",
  body: "body",
};

/**
 * A request part checked by its validator, compiled at generation time (src/generated/validation): nothing compiles at
 * start-up. A failure is 400 VALIDATION_ERROR with one detail per problem (all at once, at most 20). Parameters arrive
 * converted by `parseParameters` (strings become numbers, booleans and arrays only where their schema says so); JSON
 * bodies are checked as sent: never coerced, never stripped (an unknown property is rejected where
 * `additionalProperties` is false).
 */
export function partCheck({
  validate,
  part,
}: {
  validate: Validator;
  part: RequestPart;
}): (value: unknown) => ApiError | undefined {
  return (value) => {
    const result = validate(value);
    if (result.valid) return undefined;
    return new ApiError({
      code: "VALIDATION_ERROR",
      message: `invalid ${partNames[part]}`,
      details: validationDetails({ issues: result.errors, context: partNames[part] }),
    });
  };
}
