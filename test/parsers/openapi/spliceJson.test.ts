import { describe, expect, it } from "vitest";
import { scanJsonSpans, type JsonObjectSpans } from "../../../src/parsers/openapi/scanJsonSpans.js";
import { spliceJson, splicedJsonOf, type SplicedJson } from "../../../src/parsers/openapi/spliceJson.js";

function prepared(text: string): SplicedJson {
  const bytes = Buffer.from(text);
  const spliced = splicedJsonOf({ bytes, value: JSON.parse(text) as unknown });
  if (!spliced) throw new Error("not spliceable");
  return spliced;
}

/** Every recorded span holds exactly the member it names (key and value), in the value's key order. */
function expectSpansMatch({ bytes, spans, at, value }: { bytes: Buffer; spans: JsonObjectSpans; at: number; value: Record<string, unknown> }): void {
  expect(bytes[at]).toBe(0x7b);
  expect(bytes[at + spans.close]).toBe(0x7d);
  expect(spans.members.map((m) => m.key)).toEqual(Object.keys(value));
  for (const m of spans.members) {
    expect(JSON.parse(bytes.toString("utf8", at + m.keyStart, at + m.valueStart).replace(/\s*:\s*$/, ""))).toBe(m.key);
    expect(JSON.parse(bytes.toString("utf8", at + m.valueStart, at + m.valueEnd))).toEqual(value[m.key]);
    if (m.child) expectSpansMatch({ bytes, spans: m.child, at: at + m.valueStart, value: value[m.key] as Record<string, unknown> });
  }
}

/** Splices `after` onto `before`; when it succeeds the result must be exactly what JSON.parse gives, key order included. */
function splice(before: string | SplicedJson, after: string): SplicedJson | undefined {
  const previous = typeof before === "string" ? prepared(before) : before;
  const bytes = Buffer.from(after);
  const result = spliceJson({ previous, after: bytes });
  let expected: unknown;
  let valid = true;
  try {
    expected = JSON.parse(after);
  } catch {
    valid = false;
  }
  if (!valid) {
    expect(result).toBeUndefined();
    return undefined;
  }
  if (result) {
    expect(result.value).toEqual(expected);
    expect(JSON.stringify(result.value)).toBe(JSON.stringify(expected));
    expectSpansMatch({ bytes, spans: result.spans, at: result.start, value: result.value as Record<string, unknown> });
  }
  return result;
}

/** `splice`, which must not give up (a valid edit of a spliceable document is spliced, not re-parsed whole). */
function spliced(before: string | SplicedJson, after: string): SplicedJson {
  const result = splice(before, after);
  expect(result, `gave up on: ${after.slice(0, 120)}`).toBeDefined();
  return result as SplicedJson;
}

const doc = {
  openapi: "3.0.3",
  info: { title: "t", version: "1" },
  paths: {
    "/a": { get: { responses: { "200": { description: "ok {\"}" } } }, post: { responses: {} } },
    "/b/{id}": { get: { parameters: [{ name: "id", in: "path", required: true }], responses: {} } },
    "/c": { delete: { summary: "é ✓ 😀", responses: {} } },
  },
  components: { schemas: { A: { type: "string" }, B: { type: "object", properties: { a: { $ref: "#/components/schemas/A" } } } } },
};
const base = JSON.stringify(doc, null, 2);
type Doc = typeof doc & Record<string, unknown>;
const edited = (change: (d: Doc) => void, indent: number | string = 2): string => {
  const copy = structuredClone(doc) as Doc;
  change(copy);
  return JSON.stringify(copy, null, indent);
};

describe("spliceJson", () => {
  it("re-parses only the changed operation and keeps every other member", () => {
    const previous = prepared(base);
    const after = edited((d) => {
      d.paths["/a"].get.responses["200"].description = "changed";
    });
    const result = splice(previous, after);
    expect(result).toBeDefined();
    const before = previous.value as Doc;
    const value = result?.value as Doc;
    expect(value.paths["/a"].get).not.toBe(before.paths["/a"].get);
    expect(value.paths["/a"].post).toBe(before.paths["/a"].post);
    expect(value.paths["/b/{id}"]).toBe(before.paths["/b/{id}"]);
    expect(value.components).toBe(before.components);
    expect(value.info).toBe(before.info);
  });

  it("handles members added, removed, renamed and reordered", () => {
    const cases: ((d: Doc) => void)[] = [
      (d) => {
        (d.paths as Record<string, unknown>)["/z"] = { get: { responses: {} } };
      },
      (d) => {
        d.paths = { "/new": { get: { responses: {} } }, ...d.paths } as unknown as Doc["paths"];
      },
      (d) => {
        delete (d.paths as Record<string, unknown>)["/b/{id}"];
      },
      (d) => {
        delete (d.paths as Record<string, unknown>)["/c"];
      },
      (d) => {
        delete (d.paths as Record<string, unknown>)["/a"];
      },
      (d) => {
        d.paths = { "/renamed": d.paths["/a"], "/b/{id}": d.paths["/b/{id}"], "/c": d.paths["/c"] } as unknown as Doc["paths"];
      },
      (d) => {
        d.paths = { "/c": d.paths["/c"], "/b/{id}": d.paths["/b/{id}"], "/a": d.paths["/a"] };
      },
      (d) => {
        d.paths = {} as Doc["paths"];
      },
      (d) => {
        d.components.schemas = { B: d.components.schemas.B, A: d.components.schemas.A } as Doc["components"]["schemas"];
      },
      (d) => {
        (d as Record<string, unknown>).tags = [{ name: "x" }];
      },
      (d) => {
        d.openapi = "3.1.0";
      },
      (d) => {
        d.components.schemas.A.type = "integer";
        d.paths["/c"].delete.summary = "both ends";
      },
    ];
    for (const change of cases) {
      const previous = prepared(base);
      const after = edited(change);
      spliced(previous, after);
      spliced(previous, edited(change, 0));
    }
  });

  it("keeps unchanged members when two far apart members change", () => {
    const previous = prepared(base);
    const result = splice(
      previous,
      edited((d) => {
        d.paths["/a"].post.responses = { "201": { description: "x" } } as never;
        d.paths["/c"].delete.summary = "y";
      }),
    );
    expect((result?.value as Doc).paths["/b/{id}"]).toBe((previous.value as Doc).paths["/b/{id}"]);
  });

  it("handles edits inside strings with braces, escaped quotes and non-ASCII text", () => {
    const edits = ['ok {"}', 'o\\"k {"} \\\\', "{[}]", "é😀✓", "\u2028", ""];
    for (const description of edits) {
      spliced(
        base,
        edited((d) => {
          d.paths["/a"].get.responses["200"].description = description;
        }),
      );
    }
    spliced(
      base,
      edited((d) => {
        d.paths["/c"].delete.summary = "e ✓ 😀 changed";
      }),
    );
  });

  it("handles whitespace-only edits, also around the root", () => {
    spliced(base, base.replace('"/a": {', '"/a":    {'));
    spliced(base, base.replace('"get": {', '"get"\n:\t{'));
    spliced(base, base.replace("},\n", "}  ,\n"));
    // Edits outside the root object (before its `{`, after its `}`) are not spliced: the reader parses the document
    // whole instead (readSpecFile falls back to a full parse when spliceJson gives up).
    expect(splice(base, ` ${base}`)).toBeUndefined();
    expect(splice(base, `${base}\n\n`)).toBeUndefined();
    spliced(base, base.replace('"3.0.3"', ' "3.0.3" '));
  });

  it("gives up on syntax errors, repeated keys and __proto__, and the fix splices again", () => {
    const previous = prepared(base);
    expect(splice(previous, base.replace('"/b/{id}": {', '"/b/{id}": {,'))).toBeUndefined();
    expect(splice(previous, base.replace('"/c": {', '"/a": {'))).toBeUndefined();
    expect(splice(previous, base.replace('"/c": {', '"__proto__": {'))).toBeUndefined();
    expect(splice(previous, base.slice(0, -1))).toBeUndefined();
    expect(splice(previous, base)).toBe(previous);
    expect(splice(previous, base.replace('"1"', '"2"'))).toBeDefined();
    // Repeated keys below the recorded depth are JSON.parse's business (the last one wins).
    splice(previous, base.replace('"type": "string"', '"type": "string", "type": "number"'));
  });

  it("does not record spans of documents it cannot splice", () => {
    expect(scanJsonSpans({ bytes: Buffer.from('{"a": 1, "a": 2}') })).toBeUndefined();
    expect(scanJsonSpans({ bytes: Buffer.from('{"__proto__": 1}') })).toBeUndefined();
    expect(scanJsonSpans({ bytes: Buffer.from("[1, 2]") })).toBeUndefined();
    expect(scanJsonSpans({ bytes: Buffer.from('{"a": 1} x') })).toBeUndefined();
    expect(scanJsonSpans({ bytes: Buffer.from('\ufeff{"a": 1}') })).toBeUndefined();
  });

  it("agrees with JSON.parse over random byte edits and random value edits (seeded)", () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const alphabet = ['"', "{", "}", "[", "]", ",", ":", " ", "\n", "a", "1", "\\", "é", "x"];
    let current = prepared(base);
    let spliced = 0;
    for (let round = 0; round < 400; round++) {
      const text = current.bytes.toString("utf8");
      let next: string;
      if (random() < 0.5) {
        // A random small byte-level edit: may break the syntax (then splicing must give up).
        const at = Math.floor(random() * text.length);
        const removed = Math.floor(random() * 3);
        const inserted = Array.from({ length: Math.floor(random() * 3) }, () => pick(alphabet)).join("");
        next = text.slice(0, at) + inserted + text.slice(at + removed);
      } else {
        const value = JSON.parse(text) as Record<string, Record<string, unknown>>;
        const section = pick(Object.keys(value));
        const container = value[section];
        if (container && typeof container === "object" && !Array.isArray(container)) {
          const keys = Object.keys(container);
          const key = keys.length > 0 ? pick(keys) : "k";
          const action = random();
          if (action < 0.3) container[key] = { changed: round, nested: { deep: [round] } };
          else if (action < 0.5) delete container[key];
          else if (action < 0.7) container[`m${round}`] = { added: true };
          else {
            const member = container[key];
            delete container[key];
            container[`${key}-r${round}`] = member;
          }
        } else value[section] = { replaced: round } as never;
        next = JSON.stringify(value, null, pick([0, 1, 2, "\t"]));
      }
      const result = splice(current, next);
      if (result) {
        spliced++;
        current = result;
      } else {
        try {
          current = prepared(next);
        } catch {
          // syntax error or not spliceable: keep comparing against the last good version
        }
      }
    }
    expect(spliced).toBeGreaterThan(100);
  });
});
