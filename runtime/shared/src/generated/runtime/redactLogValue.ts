import { hashedLogValue } from "./logHash.js";
import { hashedFields, redacted, secretFields, secretHeaders } from "./secrets.js";

/** Deeper than this, a logged value is cut (`[TOO DEEP]`): a log line is no place for a whole graph. */
const maxDepth = 24;
const headerNames: ReadonlySet<string> = new Set(secretHeaders);

/** A key whose value is never logged: a secret body field (by its exact name) or a secret header (any case). */
export function isSecretKey(key: string): boolean {
  return secretFields.has(key) || headerNames.has(key.toLowerCase());
}

/** What a secret key's value is logged as: a keyed hash for `x-vx-pii: hash` fields (with a key set), else masked. */
function secretValue({ key, value }: { key: string; value: unknown }): unknown {
  return (hashedFields.has(key) ? hashedLogValue(value) : undefined) ?? redacted;
}

interface Walk {
  /** Applied to every string left in the copy (free text that may quote a secret). */
  scrubText: (text: string) => string;
  seen: WeakSet<object>;
}

/** An error as a plain object (what pino's `err` serializer gives): type, message, stack and its own properties. */
function errorFields(error: Error): Record<string, unknown> {
  const own = Object.fromEntries(Object.entries(error));
  return { type: error.name, message: error.message, stack: error.stack, ...own };
}

function copyObject({ value, depth, walk }: { value: object; depth: number; walk: Walk }): unknown {
  if (walk.seen.has(value)) return "[CIRCULAR]";
  walk.seen.add(value);
  const copy = Array.isArray(value)
    ? value.map((item: unknown) => copyAt({ value: item, depth: depth + 1, walk }))
    : Object.fromEntries(
        Object.entries(value instanceof Error ? errorFields(value) : value).map(([key, item]) => [
          key,
          isSecretKey(key) && item !== undefined && item !== null
            ? secretValue({ key, value: item })
            : copyAt({ value: item, depth: depth + 1, walk }),
        ]),
      );
  // Only ancestors count: the same object twice side by side is printed twice.
  walk.seen.delete(value);
  return copy;
}

function copyAt({ value, depth, walk }: { value: unknown; depth: number; walk: Walk }): unknown {
  if (typeof value === "string") return walk.scrubText(value);
  if (typeof value !== "object" || value === null) return value;
  if (depth >= maxDepth) return "[TOO DEEP]";
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  // Dates, decimals, buffers print themselves.
  if (!(value instanceof Error) && typeof (value as { toJSON?: unknown }).toJSON === "function") return value;
  return copyObject({ value, depth, walk });
}

/**
 * A copy of `value` fit for a log line: at any depth, the value of every secret body field (`format: password`,
 * `writeOnly`, `x-vx-pii` in the spec) and of every secret header (`authorization`, `cookie`, `set-cookie`, the API
 * keys' headers) is `[REDACTED]`, or `[HMAC:...]` for `x-vx-pii: hash` fields (`hashedLogValue`); errors become plain objects (type, message, stack, own properties) redacted the same
 * way; bytes print their length; every string goes through `scrubText` (a request's secret values quoted in free text; none by default). A cycle
 * prints `[CIRCULAR]`. The value itself is never changed.
 */
export function redactLogValue({
  value,
  scrubText = (text) => text,
}: {
  value: unknown;
  scrubText?: (text: string) => string;
}): unknown {
  return copyAt({ value, depth: 0, walk: { scrubText, seen: new WeakSet() } });
}
