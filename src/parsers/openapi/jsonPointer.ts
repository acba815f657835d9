/** JSON pointer (RFC 6901) helpers. A pointer is `""` (the root) or `/`-separated, `~`-escaped segments. */

/** Encoded segments that needed escaping (a pure function of the text; path templates are encoded every run). */
const encoded = new Map<string, string>();

export function encodePointerSegment(segment: string): string {
  if (!segment.includes("~") && !segment.includes("/")) return segment;
  let known = encoded.get(segment);
  if (known === undefined) {
    if (encoded.size >= 100_000) encoded.clear();
    known = segment.replace(/~/g, "~0").replace(/\//g, "~1");
    encoded.set(segment, known);
  }
  return known;
}

export function decodePointerSegment(segment: string): string {
  if (!segment.includes("~")) return segment;
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** `appendPointer({ pointer: "/paths", segments: ["/pets", "get"] })` = `/paths/~1pets/get`. */
export function appendPointer({ pointer, segments }: { pointer: string; segments: readonly (string | number)[] }): string {
  let result = pointer;
  for (const segment of segments) result += "/" + encodePointerSegment(String(segment));
  return result;
}

/** Splits a pointer into decoded segments; `undefined` when it is not a valid pointer (must be empty or start with `/`). */
export function splitPointer(pointer: string): string[] | undefined {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return undefined;
  return pointer.slice(1).split("/").map(decodePointerSegment);
}

/** The value a pointer names inside `value`, without following `$ref`s; `undefined` when absent. */
export function getAtPointer({ value, segments }: { value: unknown; segments: readonly string[] }): unknown {
  let current: unknown = value;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (isRecord(current)) {
      if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
