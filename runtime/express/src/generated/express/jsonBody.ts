import express, { type RequestHandler } from "express";
import { ApiError } from "../runtime/errors.js";
import { FormBodyError, isFormMediaType, parseFormBody } from "../runtime/formBody.js";
import { nestsDeeperThan } from "../runtime/jsonDepth.js";

export { nestsDeeperThan } from "../runtime/jsonDepth.js";

/** `multipart/form-data`: read by the route's multipart reader, when it has one. */
const multipartMediaType = /^multipart\/form-data\s*(?:;|$)/i;

/** `application/json` and its structured-syntax relatives (`application/merge-patch+json`, `application/problem+json`). */
const jsonMediaType = /^application\/(?:[^\s;/]*\+)?json\s*(?:;|$)/i;

/** Whether a parsed value has a `__proto__` property or a `constructor` with a `prototype` (prototype poisoning). */
function poisoned(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return value.some(poisoned);
  if (Object.hasOwn(value, "__proto__")) return true;
  const record = value as Record<string, unknown>;
  const ctor = record["constructor"];
  if (
    Object.hasOwn(value, "constructor") &&
    typeof ctor === "object" &&
    ctor !== null &&
    Object.hasOwn(ctor, "prototype")
  )
    return true;
  return Object.values(record).some(poisoned);
}

function invalidBody(message: string): ApiError {
  return new ApiError({ code: "VALIDATION_ERROR", message: "invalid body", details: [{ field: "body", message }] });
}

/** A JSON text as its value: refused when nested deeper than `maxDepth`, not JSON, or poisoning prototypes. */
export function parseJsonBody({ text, maxDepth }: { text: string; maxDepth: number }): unknown {
  if (text.trim() === "") throw invalidBody("is empty");
  if (nestsDeeperThan({ text, maxDepth })) throw invalidBody(`nests arrays and objects deeper than ${maxDepth} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidBody("is not valid JSON (or has a __proto__ or constructor.prototype property)");
  }
  // Only a text naming them (or escaping characters) can poison: most bodies skip the walk.
  if (/__proto__|constructor|\\u/.test(text) && poisoned(value))
    throw invalidBody("is not valid JSON (or has a __proto__ or constructor.prototype property)");
  return value;
}

/** A urlencoded form as its value (`parseFormBody`); too deep or too many fields is a 400 naming the body. */
function formValue({ text, maxDepth }: { text: string; maxDepth: number }): Record<string, unknown> {
  try {
    return parseFormBody({ text, maxDepth });
  } catch (error) {
    if (!(error instanceof FormBodyError)) throw error;
    throw invalidBody(`is not a form vx-gen reads: ${error.message}`);
  }
}

/**
 * The body parsers of an operation with a request body: the body is read as bytes up to `bodyLimit` (413 beyond it),
 * then a JSON body (`application/json`, `application/*+json`) is parsed by `parseJsonBody`, a urlencoded form by
 * `parseFormBody` (its values typed later, by the route's body shape), a multipart body by `multipart` (a multipart
 * route's reader, streaming its parts within their own limits); other media types reach the handler as a Buffer. A
 * request without a body (or with an empty one and no media type, as `Content-Length: 0` sends it) leaves `req.body`
 * undefined.
 */
export function bodyParsers({
  bodyLimit,
  maxDepth,
  multipart,
}: {
  bodyLimit: number;
  maxDepth: number;
  multipart?: RequestHandler | undefined;
}): RequestHandler[] {
  const raw = express.raw({ type: () => true, limit: bodyLimit });
  const read: RequestHandler =
    multipart === undefined
      ? raw
      : (req, res, next) => {
          const type = req.headers["content-type"];
          if (type !== undefined && multipartMediaType.test(type)) multipart(req, res, next);
          else raw(req, res, next);
        };
  const parse: RequestHandler = (req, _res, next) => {
    const type = req.headers["content-type"];
    if (Buffer.isBuffer(req.body) && req.body.length === 0 && type === undefined) {
      req.body = undefined;
    } else if (Buffer.isBuffer(req.body) && type !== undefined && jsonMediaType.test(type)) {
      req.body = parseJsonBody({ text: req.body.toString("utf8"), maxDepth });
    } else if (Buffer.isBuffer(req.body) && isFormMediaType(type)) {
      req.body = formValue({ text: req.body.toString("utf8"), maxDepth });
    }
    next();
  };
  return [read, parse];
}
