import { describe, expect, it } from "vitest";
import { memoPiece, sameInput } from "../../generators/shared/memoPiece.js";
import { clearRenderMemo, renderMemoStats } from "../../generators/shared/pieceMemo.js";
import { noNames, RenderRun } from "../../generators/shared/renderRun.js";

/** `memoPiece`: the one seam pieces are memoized by; inputs are compared by it, never by keys built by hand. */

let renders = 0;
const greeting = memoPiece({
  name: "memoPiece-test-greeting",
  key: "subject",
  render: ({ subject, forced, words, prefix }: { subject: { name: string }; forced: ReadonlySet<string>; words: readonly string[]; prefix: string }) => {
    renders++;
    return `${prefix} ${subject.name} [${[...forced].sort().join(",")}] ${words.join(" ")}`;
  },
});
const lookup = memoPiece({ name: "memoPiece-test-lookup", key: "subject", render: (_inputs: { subject: object }, reads) => reads.schemaType("Pet") });

describe("memoPiece", () => {
  it("reuses a piece while every declared input is the same: objects by identity, sets and maps by content, arrays element by element", () => {
    clearRenderMemo();
    renders = 0;
    const subject = { name: "a" };
    const inputs = { subject, forced: new Set(["x/y", "z/w"]), words: ["one", "two"], prefix: ">" };
    expect(greeting({ inputs })).toBe("> a [x/y,z/w] one two");
    // Equal content in fresh objects: reused.
    expect(greeting({ inputs: { ...inputs, forced: new Set(["z/w", "x/y"]), words: ["one", "two"] } })).toBe("> a [x/y,z/w] one two");
    expect(renders).toBe(1);
    // Each declared input, changed, makes it render again.
    expect(greeting({ inputs: { ...inputs, forced: new Set(["x/y"]) } })).toBe("> a [x/y] one two");
    expect(greeting({ inputs: { ...inputs, words: ["one"] } })).toBe("> a [x/y,z/w] one");
    expect(greeting({ inputs: { ...inputs, prefix: "<" } })).toBe("< a [x/y,z/w] one two");
    // Another object with the same content is another subject (IR objects are compared by identity).
    expect(greeting({ inputs: { ...inputs, subject: { name: "a" } } })).toBe("> a [x/y,z/w] one two");
    expect(renders).toBe(5);
    expect(renderMemoStats()["memoPiece-test-greeting"]).toEqual({ hits: 1, misses: 5 });
  });

  it("compares input values as documented", () => {
    const o = {};
    expect(sameInput({ a: "x", b: "x" })).toBe(true);
    expect(sameInput({ a: o, b: {} })).toBe(false);
    expect(sameInput({ a: [o, 1], b: [o, 1] })).toBe(true);
    expect(sameInput({ a: new Map([["a", o]]), b: new Map([["a", o]]) })).toBe(true);
    expect(sameInput({ a: new Map([["a", o]]), b: new Map([["a", {}]]) })).toBe(false);
    expect(sameInput({ a: new Set([1]), b: new Set([1, 2]) })).toBe(false);
    expect(sameInput({ a: undefined, b: null })).toBe(false);
  });

  it("records a render's name lookups with a run, and refuses them without one", () => {
    const subject = {};
    const run = new RenderRun({ names: { ...noNames, schemaType: (name) => `${name}Type` }, schemas: [], forcedReadOnly: new Set() });
    expect(lookup({ inputs: { subject }, run })).toBe("PetType");
    expect(() => lookup({ inputs: { subject: {} } })).toThrow(/without a RenderRun/);
  });

  it("is defined once, at module level (a piece made inside a function could close over what it does not declare)", () => {
    expect(() => memoPiece({ name: "memoPiece-test-greeting", key: "subject", render: ({ subject }: { subject: object }) => subject })).toThrow(/defined twice/);
  });
});
