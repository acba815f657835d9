import type { FastifyReply } from "fastify";

/** What every handler returns: a documented status, its body and headers. */
export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: object;
}

/** Status -> response schema, as Fastify keys them (`200`, `4xx`, `default`). */
export type ResponseSchemas = Readonly<Record<string, object>>;

/** Whether `status` has a JSON schema among `response` (the exact status, its range, or `default`), as Fastify looks it up. */
function documentsJson({ response, status }: { response: ResponseSchemas | undefined; status: number }): boolean {
  if (response === undefined) return false;
  const code = String(status);
  return (
    Object.hasOwn(response, code) ||
    Object.hasOwn(response, `${code.charAt(0)}xx`) ||
    Object.hasOwn(response, "default")
  );
}

/**
 * Sends a handler's result, a 2xx one with the route's `cacheControl` unless its headers say otherwise; the route's
 * response schema serializes the body (only documented fields go out). Fastify
 * sends a string as it is (text/plain, taken for already serialized): a string documented as JSON is serialized by its
 * schema instead (`"text"`, application/json), as every other JSON value is.
 */
export function sendResult({
  reply,
  result,
  response,
  cacheControl,
}: {
  reply: FastifyReply;
  result: HandlerResult;
  response?: ResponseSchemas | undefined;
  cacheControl?: string | undefined;
}): FastifyReply {
  reply.status(result.status);
  if (cacheControl !== undefined && result.status >= 200 && result.status < 300)
    reply.header("cache-control", cacheControl);
  if (result.headers) {
    for (const [name, value] of Object.entries(result.headers))
      if (value !== undefined) reply.header(name, String(value));
  }
  const { body } = result;
  if (body === undefined) return reply.send();
  if (
    typeof body === "string" &&
    !reply.hasHeader("content-type") &&
    documentsJson({ response, status: result.status })
  ) {
    return reply.type("application/json; charset=utf-8").send(reply.serialize(body));
  }
  return reply.send(body);
}
