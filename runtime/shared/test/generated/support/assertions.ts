import { expect } from "vitest";

/** A response as the tests see it: status, parsed JSON body (undefined when empty), headers. */
export interface TestResponse {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | number | undefined>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value[name]` of a JSON object, undefined otherwise. */
export function field({ value, name }: { value: unknown; name: string }): unknown {
  return isRecord(value) ? value[name] : undefined;
}

/** The records of a list response: the array itself, or the one array property of a page object. */
export function items(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (isRecord(body)) {
    const arrays = Object.values(body).filter((v): v is unknown[] => Array.isArray(v));
    if (arrays.length === 1 && arrays[0]) return arrays[0];
  }
  throw new Error(`not a list response: ${JSON.stringify(body)}`);
}

/** The fields named in an error response's details. */
export function fieldsOf(body: unknown): string[] {
  const details = field({ value: field({ value: body, name: "error" }), name: "details" });
  return Array.isArray(details) ? details.map((d) => String(field({ value: d, name: "field" }))) : [];
}

/** The properties of `sent` that the response shows too: what a round trip must give back unchanged. */
export function echoed({ sent, received }: { sent: unknown; received: unknown }): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (!isRecord(sent) || !isRecord(received)) return result;
  for (const [name, value] of Object.entries(sent)) if (name in received) result[name] = value;
  return result;
}

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** The one error format: `{ error: { code, message, details: [{ field, message }], timestamp } }`, and nothing else. */
export function expectError({
  response,
  code,
  status,
}: {
  response: TestResponse;
  code: string;
  status: number;
}): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body).toEqual({
    error: {
      code,
      message: expect.any(String),
      details: expect.any(Array),
      timestamp: expect.stringMatching(isoTimestamp),
    },
  });
  for (const detail of (field({
    value: field({ value: response.body, name: "error" }),
    name: "details",
  }) as unknown[]) ?? []) {
    expect(detail).toEqual({ field: expect.any(String), message: expect.any(String) });
  }
}

/** Compares two values as the database orders them: numbers, and (`numeric`) digit strings of BigInt or Decimal columns, by value. */
function compare({ a, b, numeric }: { a: unknown; b: unknown; numeric: boolean }): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const [x, y] = [String(a), String(b)];
  if (numeric) {
    const [m, n] = [Number(x), Number(y)];
    if (m !== n) return m - n;
    if (/^-?\d+$/.test(x) && /^-?\d+$/.test(y)) return BigInt(x) < BigInt(y) ? -1 : BigInt(x) > BigInt(y) ? 1 : 0;
  }
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The items are in `direction` order of `property` (items without a value, which databases place differently, aside). */
export function expectSorted({
  list,
  property,
  direction,
  numeric = false,
}: {
  list: unknown[];
  property: string;
  direction: "asc" | "desc";
  /** The property is a BigInt or Decimal column answered as a string: its digits are ordered by value. */
  numeric?: boolean;
}): void {
  const values = list
    .map((item) => field({ value: item, name: property }))
    .filter((v) => v !== null && v !== undefined);
  const sorted = [...values].sort((a, b) =>
    direction === "asc" ? compare({ a, b, numeric }) : compare({ a: b, b: a, numeric }),
  );
  expect(values).toEqual(sorted);
}
