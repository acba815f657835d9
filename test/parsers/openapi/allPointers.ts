import { appendPointer } from "../../../src/parsers/openapi/jsonPointer.js";

/** Every JSON pointer in a value (root first, document order), up to `limit`, taking every `step`-th. */
export function allPointers(value: unknown, { limit = Infinity, step = 1 }: { limit?: number; step?: number } = {}): string[] {
  const pointers: string[] = [];
  let seen = 0;
  const stack: { value: unknown; pointer: string }[] = [{ value, pointer: "" }];
  while (stack.length > 0 && pointers.length < limit) {
    const { value: v, pointer } = stack.pop() as { value: unknown; pointer: string };
    if (seen++ % step === 0) pointers.push(pointer);
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : v && typeof v === "object" ? Object.entries(v) : [];
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, x] = entries[i] as [string, unknown];
      stack.push({ value: x, pointer: appendPointer({ pointer, segments: [k] }) });
    }
  }
  return pointers;
}
