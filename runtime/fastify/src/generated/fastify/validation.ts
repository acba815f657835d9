import type { preValidationHookHandler } from "fastify";
import { coerceFormBody, isFormBody, type FormValueShape } from "../runtime/formBody.js";
import { parseParameters, type ParameterDefinition } from "../runtime/parseParameters.js";
import { checkingOrder, RequestProblems } from "../runtime/requestProblems.js";
import type { OperationValidators } from "../validation/index.js";
import { cookiesOf, pathReader, rememberCookies, type PathKeys, type RouterParams } from "./parameters.js";

/**
 * The hook checking a route's request before its handler (preValidation: the body is parsed, nothing validated yet):
 * deserialises the parameters by their OpenAPI style and explode (form, spaceDelimited, pipeDelimited, deepObject,
 * simple, label, matrix) from the raw query string, path, headers and cookies (strings become numbers, booleans,
 * arrays and objects only where a schema asks), then checks every part with its validator compiled at generation time
 * (nothing compiles at start-up). A request wrong anywhere is answered once, 400 VALIDATION_ERROR, with every problem
 * of every part (at most 20). JSON bodies are checked as sent: never coerced, never stripped; a urlencoded form body
 * (all strings) is first typed by `formBody`, the body schema's shape. An absent body of an `optionalBody` route is
 * not checked. Undefined for a route with nothing to check.
 */
export function requestCheck({
  parameters,
  pathKeys,
  validators,
  formBody,
  optionalBody = false,
}: {
  parameters: readonly ParameterDefinition[];
  pathKeys: PathKeys;
  validators: OperationValidators;
  formBody?: FormValueShape;
  optionalBody?: boolean;
}): preValidationHookHandler | undefined {
  if (parameters.length === 0 && Object.keys(validators).length === 0) return undefined;
  const readPath = parameters.some((p) => p.in === "path") ? pathReader({ parameters, pathKeys }) : undefined;
  const others = parameters.filter((p) => p.in !== "path");
  const has = (location: ParameterDefinition["in"]) => others.some((p) => p.in === location);
  const [hasQuery, hasHeaders, hasCookies] = [has("query"), has("header"), has("cookie")];
  return (request, _reply, done) => {
    const problems = new RequestProblems();
    if (readPath !== undefined) {
      const path = readPath(request.params as RouterParams);
      problems.unreadable(path.issues);
      request.params = path.values;
    }
    if (others.length > 0) {
      const url = request.raw.url ?? "";
      const at = url.indexOf("?");
      const parsed = parseParameters({
        parameters: others,
        raw: {
          query: at < 0 ? "" : url.slice(at + 1),
          headers: request.headers,
          ...(request.headers.cookie === undefined ? {} : { cookie: request.headers.cookie }),
        },
      });
      problems.unreadable(parsed.errors);
      if (hasQuery) request.query = { ...(request.query as Record<string, unknown>), ...parsed.values.query };
      if (hasHeaders) Object.assign(request.headers, parsed.values.header);
      if (hasCookies) rememberCookies({ request, cookies: parsed.values.cookie });
    }
    if (formBody !== undefined && isFormBody(request.body))
      request.body = coerceFormBody({ value: request.body, shape: formBody });
    const parts = {
      params: request.params,
      body: request.body,
      query: request.query,
      headers: request.headers,
      cookies: cookiesOf(request),
    };
    const absent = optionalBody && request.body === undefined;
    for (const part of checkingOrder)
      if (!(part === "body" && absent)) problems.check({ part, validate: validators[part], value: parts[part] });
    done(problems.error());
  };
}
