import type { HttpMethod, OperationRateLimit, RateLimitKey, SecurityRequirement } from "../../ir/types.js";
import { parseWindow } from "../../util/parseWindow.js";
import { childCursor, report, sourceOf, type ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";
import { isRecord } from "./jsonPointer.js";

const keys: readonly RateLimitKey[] = ["ip", "principal", "apiKey"];
const members = new Set(["max", "window", "key"]);
const example = '{ max: 5, window: "1m", key: ip }';

function isKey(value: unknown): value is RateLimitKey {
  return typeof value === "string" && (keys as readonly string[]).includes(value);
}

/** `max`: a positive integer (VX141 otherwise). */
function readMax({ ctx, at, label }: { ctx: ReadContext; at: Cursor; label: string }): number | undefined {
  const { value } = at;
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return value;
  report({
    ctx,
    code: "VX141",
    message: `${label}: max ${JSON.stringify(value) ?? "(missing)"} is not a positive integer`,
    at,
    help: `write the most requests allowed per window, e.g. ${example}`,
  });
  return undefined;
}

/** `window`: a duration up to a day (VX142 otherwise); absent: one minute. */
function readWindow({ ctx, at, label }: { ctx: ReadContext; at: Cursor; label: string }): number | undefined {
  if (at.value === undefined) return 60_000;
  const ms = parseWindow(at.value);
  if (ms !== undefined) return ms;
  report({
    ctx,
    code: "VX142",
    message: `${label}: window ${JSON.stringify(at.value)} is not a duration`,
    at,
    help: 'write a number with a unit, "500ms", "30s", "1m", "2h" or "1d" (at most a day), or a number of milliseconds',
  });
  return undefined;
}

/** `key`: one of `keys` (VX143), and one the operation's security can give (VX144); absent: `ip`. */
function readKey({
  ctx,
  at,
  label,
  security,
}: {
  ctx: ReadContext;
  at: Cursor;
  label: string;
  security: readonly SecurityRequirement[];
}): RateLimitKey | undefined {
  if (at.value === undefined) return "ip";
  if (!isKey(at.value)) {
    report({
      ctx,
      code: "VX143",
      message: `${label}: key ${JSON.stringify(at.value)} is not one of ${keys.join(", ")}`,
      at,
      help: "ip counts per client address, principal per authenticated caller, apiKey per API key (hashed)",
    });
    return undefined;
  }
  if (at.value !== "ip" && security.every((alternative) => alternative.schemes.length === 0)) {
    report({
      ctx,
      code: "VX144",
      message: `${label}: key ${at.value} on an operation anyone may call (${security.length === 0 ? "no security requirement" : "its security is `[{}]`"}), so no caller has ${at.value === "principal" ? "a principal" : "an API key"}`,
      at,
      help: "use key: ip, or add a `security` requirement to the operation",
    });
    return undefined;
  }
  return at.value;
}

/**
 * An operation's `x-vx-rate-limit` (3.x and Swagger 2.0 alike): `{ max, window, key }`, `window` one minute and `key`
 * `ip` when left out. Absent when not written; `undefined` after a VX140-VX144 error naming the bad member.
 */
export function readRateLimit({
  ctx,
  cursor,
  method,
  path,
  security,
}: {
  ctx: ReadContext;
  cursor: Cursor;
  method: HttpMethod;
  path: string;
  security: readonly SecurityRequirement[];
}): OperationRateLimit | undefined {
  const at = childCursor({ cursor, segments: ["x-vx-rate-limit"] });
  if (at.value === undefined) return undefined;
  const label = `x-vx-rate-limit of ${method.toUpperCase()} ${path}`;
  if (!isRecord(at.value)) {
    report({ ctx, code: "VX140", message: `${label} must be an object`, at, help: `write it as ${example}` });
    return undefined;
  }
  const unknown = Object.keys(at.value)
    .filter((name) => !members.has(name))
    .sort();
  for (const name of unknown)
    report({
      ctx,
      code: "VX140",
      message: `${label}: unknown member ${JSON.stringify(name)}`,
      at: childCursor({ cursor: at, segments: [name] }),
      help: "its members are max (required), window (default 1m) and key (default ip)",
    });
  const max = readMax({ ctx, at: childCursor({ cursor: at, segments: ["max"] }), label });
  const windowMs = readWindow({ ctx, at: childCursor({ cursor: at, segments: ["window"] }), label });
  const key = readKey({ ctx, at: childCursor({ cursor: at, segments: ["key"] }), label, security });
  if (unknown.length > 0 || max === undefined || windowMs === undefined || key === undefined) return undefined;
  return { kind: "rateLimit", max, windowMs, key, source: sourceOf(at) };
}
