import type { OperationValidators, RequestPart } from "../validation/index.js";
import { coerceFormBody, isFormBody, type FormValueShape } from "../runtime/formBody.js";
import { checkingOrder, RequestProblems } from "../runtime/requestProblems.js";

/** A urlencoded form body (all strings) typed by the body schema's shape; any other body as it is. */
export function formTyped({ body, shape }: { body: unknown; shape: FormValueShape | undefined }): unknown {
  return shape !== undefined && isFormBody(body) ? coerceFormBody({ value: body, shape }) : body;
}

/**
 * Checks each request part with the operation's validator compiled at generation time (nothing compiles at start-up
 * or per request), after the parameters that could not be read (already in `problems`). One problem or more answers
 * one 400 VALIDATION_ERROR listing every problem of every part (at most 20). Parameters arrive converted by
 * `parseParameters`; JSON bodies are checked as sent, never coerced or stripped (form bodies are typed by `formTyped`).
 * An absent body is not checked when `optionalBody` says it may be.
 */
export function validateRequest({
  validators,
  parts,
  problems = new RequestProblems(),
  optionalBody = false,
}: {
  validators: OperationValidators;
  parts: Readonly<Record<RequestPart, unknown>>;
  problems?: RequestProblems;
  optionalBody?: boolean;
}): void {
  const absent = optionalBody && parts.body === undefined;
  for (const part of checkingOrder)
    if (!(part === "body" && absent)) problems.check({ part, validate: validators[part], value: parts[part] });
  const error = problems.error();
  if (error !== undefined) throw error;
}
