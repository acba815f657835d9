import { describe, expect, it } from "vitest";
import {
  parseParameters,
  type ParameterDefinition,
  type ParameterLocation,
  type ParameterStyle,
  type ParameterValueSchema,
} from "../../../src/generated/runtime/parseParameters.js";

// The run-time deserialiser of OpenAPI parameter styles (src/generated/runtime/parseParameters.ts), on its own.

const schemas: Record<"empty" | "string" | "array" | "object", ParameterValueSchema> = {
  empty: { type: "string" },
  string: { type: "string" },
  array: { type: "array", items: { type: "string" } },
  object: { type: "object", properties: { R: { type: "integer" }, G: { type: "integer" }, B: { type: "integer" } } },
};
const expected = { empty: "", string: "blue", array: ["blue", "black", "brown"], object: { R: 100, G: 200, B: 150 } };

/** OpenAPI 3.1.0, 4.8.12.4 "Style Examples": `color` as "", "blue", an array and an object; `null` = n/a. */
const styleExamples: [ParameterStyle, boolean, string | null, string | null, string | null, string | null][] = [
  ["matrix", false, ";color", ";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150"],
  ["matrix", true, ";color", ";color=blue", ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"],
  ["label", false, ".", ".blue", ".blue,black,brown", ".R,100,G,200,B,150"],
  ["label", true, ".", ".blue", ".blue.black.brown", ".R=100.G=200.B=150"],
  ["simple", false, "", "blue", "blue,black,brown", "R,100,G,200,B,150"],
  ["simple", true, "", "blue", "blue,black,brown", "R=100,G=200,B=150"],
  ["form", false, "color=", "color=blue", "color=blue,black,brown", "color=R,100,G,200,B,150"],
  ["form", true, "color=", "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"],
  ["spaceDelimited", false, null, null, "color=blue%20black%20brown", "color=R%20100%20G%20200%20B%20150"],
  ["pipeDelimited", false, null, null, "color=blue|black|brown", "color=R|100|G|200|B|150"],
  ["deepObject", true, null, null, null, "color[R]=100&color[G]=200&color[B]=150"],
];

/** One parameter `color` in the path (matrix, label, simple) or the query (the other styles). */
function parseOne({
  style,
  explode,
  schema,
  serialized,
}: {
  style: ParameterStyle;
  explode: boolean;
  schema: ParameterValueSchema;
  serialized: string;
}) {
  const inPath = style === "matrix" || style === "label" || style === "simple";
  const parameter: ParameterDefinition = {
    name: "color",
    in: inPath ? "path" : "query",
    style,
    explode,
    schema,
    required: true,
  };
  const result = parseParameters({
    parameters: [parameter],
    raw: inPath ? { path: { color: serialized } } : { query: serialized },
  });
  return { errors: result.errors, value: result.values[parameter.in]["color"] };
}

/** The first issue's keyword and message of a one-parameter parse. */
function firstIssue(input: Parameters<typeof parseOne>[0]): { keyword?: string; message?: string; field?: string } {
  return parseOne(input).errors[0] ?? {};
}

describe("OpenAPI style examples (4.8.12.4)", () => {
  const kinds = ["empty", "string", "array", "object"] as const;
  for (const [style, explode, ...cells] of styleExamples) {
    cells.forEach((serialized, column) => {
      const kind = kinds[column] ?? "string";
      if (serialized === null) return;
      it(`${style} explode=${String(explode)} ${kind}: ${serialized}`, () => {
        const { errors, value } = parseOne({ style, explode, schema: schemas[kind], serialized });
        expect(errors).toEqual([]);
        expect(value).toEqual(expected[kind]);
      });
    });
  }

  it("an empty array serialises like the empty value", () => {
    expect(parseOne({ style: "form", explode: true, schema: schemas.array, serialized: "color=" }).value).toEqual([]);
    expect(parseOne({ style: "form", explode: false, schema: schemas.array, serialized: "color=" }).value).toEqual([]);
    expect(parseOne({ style: "matrix", explode: false, schema: schemas.array, serialized: ";color" }).value).toEqual(
      [],
    );
    expect(parseOne({ style: "matrix", explode: true, schema: schemas.array, serialized: ";color" }).value).toEqual([]);
    expect(parseOne({ style: "label", explode: true, schema: schemas.array, serialized: "." }).value).toEqual([]);
  });
});

describe("coercion only where the schema asks for it", () => {
  const query = ({
    schema,
    query,
    explode = true,
  }: {
    schema: ParameterValueSchema;
    query: string;
    explode?: boolean;
  }) => parseParameters({ parameters: [{ name: "id", in: "query", style: "form", explode, schema }], raw: { query } });

  it("integers, numbers, booleans and null are converted; strings stay strings", () => {
    expect(query({ schema: { type: "integer" }, query: "id=42" }).values.query).toEqual({ id: 42 });
    expect(query({ schema: { type: "number" }, query: "id=-1.5e3" }).values.query).toEqual({ id: -1500 });
    expect(query({ schema: { type: "boolean" }, query: "id=false" }).values.query).toEqual({ id: false });
    expect(query({ schema: { type: "boolean" }, query: "id=true" }).values.query).toEqual({ id: true });
    expect(query({ schema: { type: "string" }, query: "id=12345" }).values.query).toEqual({ id: "12345" });
    expect(query({ schema: {}, query: "id=12345" }).values.query).toEqual({ id: "12345" });
    expect(query({ schema: { type: ["integer", "null"] }, query: "id=null" }).values.query).toEqual({ id: null });
    expect(query({ schema: { type: ["integer", "string"] }, query: "id=x" }).values.query).toEqual({ id: "x" });
  });

  it('"abc" for an integer is an issue naming the types, never NaN and never the value', () => {
    const result = query({ schema: { type: "integer" }, query: "id=abc" });
    expect(result.values.query).toEqual({});
    expect(result.errors).toEqual([{ field: "query.id", message: "must be an integer", keyword: "type" }]);
    expect(query({ schema: { type: ["number", "null"] }, query: "id=abc" }).errors[0]?.message).toBe(
      "must be a number or null",
    );
    expect(query({ schema: { type: "null" }, query: "id=abc" }).errors[0]?.message).toBe("must be null");
  });

  it("1.5 is not an integer, 1e400 is not a number, TRUE is not a boolean, huge integers are refused", () => {
    expect(query({ schema: { type: "integer" }, query: "id=1.5" }).errors[0]?.keyword).toBe("type");
    expect(query({ schema: { type: "number" }, query: "id=1e400" }).errors[0]?.keyword).toBe("type");
    expect(query({ schema: { type: "boolean" }, query: "id=TRUE" }).errors[0]?.keyword).toBe("type");
    expect(query({ schema: { type: "integer" }, query: "id=99999999999999999999" }).errors[0]?.message).toContain(
      "2^53",
    );
  });

  it("array items are converted with items.type and errors point at the item", () => {
    const ids = { type: "array", items: { type: "integer" } };
    expect(query({ schema: ids, query: "id=1&id=2&id=3" }).values.query).toEqual({ id: [1, 2, 3] });
    expect(query({ schema: ids, query: "id=1,2,3", explode: false }).values.query).toEqual({ id: [1, 2, 3] });
    expect(query({ schema: ids, query: "id=1&id=x&id=3" }).errors).toEqual([
      { field: "query.id[1]", message: "must be an integer", keyword: "type" },
    ]);
    expect(query({ schema: { type: "array" }, query: "id=a&id=b" }).values.query).toEqual({ id: ["a", "b"] });
    const nested = { type: "array", items: { type: ["array", "object"] } };
    expect(query({ schema: nested, query: "id=a" }).values.query).toEqual({ id: ["a"] });
  });

  it("percent-encoded delimiters stay inside values; + is a space in queries; bad encoding is an issue", () => {
    const tags = { type: "array", items: { type: "string" } };
    expect(query({ schema: tags, query: "id=a%2Cb,c", explode: false }).values.query).toEqual({ id: ["a,b", "c"] });
    expect(query({ schema: { type: "string" }, query: "id=hello+world%21" }).values.query).toEqual({
      id: "hello world!",
    });
    expect(query({ schema: { type: "string" }, query: "id=%E0%A4%A" }).errors[0]?.keyword).toBe("encoding");
    expect(query({ schema: tags, query: "id=ok&id=%E0%A4%A" }).errors[0]).toMatchObject({
      field: "query.id[1]",
      keyword: "encoding",
    });
  });

  it("a primitive given twice is an issue; a name without = is an empty value; a malformed name is kept as sent", () => {
    expect(query({ schema: { type: "integer" }, query: "id=1&id=2" }).errors[0]?.message).toContain("once");
    expect(query({ schema: { type: "string" }, query: "id&&other=1" }).values.query).toEqual({ id: "" });
    const parsed = parseParameters({
      parameters: [{ name: "%E0%A4%A", in: "query", style: "form", explode: true, schema: { type: "string" } }],
      raw: { query: "%E0%A4%A=kept" },
    });
    expect(parsed.values.query).toEqual({ "%E0%A4%A": "kept" });
  });
});

describe("objects", () => {
  it("form explode objects take only their declared properties", () => {
    const parameters: ParameterDefinition[] = [
      {
        name: "filter",
        in: "query",
        style: "form",
        explode: true,
        schema: { type: "object", properties: { status: { type: "string" }, limit: { type: "integer" } } },
      },
      { name: "page", in: "query", style: "form", explode: true, schema: { type: "integer" } },
    ];
    const result = parseParameters({ parameters, raw: { query: "status=open&limit=5&page=2" } });
    expect(result.values.query).toEqual({ filter: { status: "open", limit: 5 }, page: 2 });
    expect(parseParameters({ parameters, raw: { query: "page=2" } }).values.query).toEqual({ page: 2 });
  });

  it("form explode objects without declared properties take every parameter no other one names", () => {
    const parameters: ParameterDefinition[] = [
      { name: "rest", in: "query", style: "form", explode: true, schema: { type: "object" } },
      { name: "page", in: "query", style: "form", explode: true, schema: { type: "integer" } },
    ];
    expect(parseParameters({ parameters, raw: { query: "a-b=1&page=2" } }).values.query).toEqual({
      rest: { "a-b": "1" },
      page: 2,
    });
  });

  it("deepObject with coercion, an error path into the object, nested keys refused", () => {
    const parameter: ParameterDefinition = {
      name: "filter",
      in: "query",
      style: "deepObject",
      explode: true,
      schema: { type: "object", properties: { min: { type: "number" } } },
    };
    const parse = (query: string) => parseParameters({ parameters: [parameter], raw: { query } });
    expect(parse("filter[min]=2.5&filter[name]=x&other=1").values.query).toEqual({ filter: { min: 2.5, name: "x" } });
    expect(parse("filter[min]=cheap").errors).toEqual([
      { field: "query.filter.min", message: "must be a number", keyword: "type" },
    ]);
    expect(parse("filter[a][b]=1").errors[0]?.keyword).toBe("style");
    expect(parse("other=1").values.query).toEqual({});
    expect(parse("filter[min]=%E0%A4%A").errors[0]?.keyword).toBe("encoding");
  });

  it("object keys that are not identifiers are quoted in issues; __proto__ is a key like any other", () => {
    const parameter: ParameterDefinition = {
      name: "o",
      in: "query",
      style: "deepObject",
      explode: true,
      schema: { type: "object", properties: { "a-b": { type: "integer" } } },
    };
    expect(parseParameters({ parameters: [parameter], raw: { query: "o[a-b]=x" } }).errors[0]?.field).toBe(
      'query.o["a-b"]',
    );
    const value = parseParameters({ parameters: [parameter], raw: { query: "o[__proto__]=1" } }).values.query["o"];
    expect(Object.keys(value as object)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it("objects as lists need names and values in pairs, or name=value parts", () => {
    expect(
      firstIssue({ style: "simple", explode: false, schema: schemas.object, serialized: "R,100,G" }).message,
    ).toContain("pairs");
    expect(firstIssue({ style: "simple", explode: true, schema: schemas.object, serialized: "R=100,G" }).keyword).toBe(
      "style",
    );
    expect(firstIssue({ style: "simple", explode: true, schema: schemas.object, serialized: "R=x" })).toMatchObject({
      field: "path.color.R",
      keyword: "type",
    });
    expect(
      firstIssue({ style: "simple", explode: true, schema: schemas.object, serialized: "%E0%A4%A=1" }).keyword,
    ).toBe("encoding");
  });
});

describe("path styles", () => {
  it("label and matrix values must carry their prefix and name", () => {
    expect(firstIssue({ style: "label", explode: false, schema: schemas.string, serialized: "blue" }).keyword).toBe(
      "style",
    );
    expect(
      firstIssue({ style: "matrix", explode: false, schema: schemas.string, serialized: ";colour=blue" }).keyword,
    ).toBe("style");
    expect(
      firstIssue({ style: "matrix", explode: false, schema: schemas.string, serialized: "color=blue" }).keyword,
    ).toBe("style");
    expect(
      firstIssue({ style: "matrix", explode: true, schema: schemas.array, serialized: ";color=a;colour=b" }).keyword,
    ).toBe("style");
    expect(
      firstIssue({ style: "matrix", explode: false, schema: schemas.string, serialized: ";color=a;color=b" }).message,
    ).toContain("once");
  });

  it("path values are percent-decoded and coerced; malformed encoding is an issue", () => {
    const integer = { type: "integer" };
    expect(parseOne({ style: "simple", explode: false, schema: integer, serialized: "42" }).value).toBe(42);
    expect(parseOne({ style: "label", explode: false, schema: integer, serialized: ".7" }).value).toBe(7);
    expect(parseOne({ style: "matrix", explode: false, schema: integer, serialized: ";color=7" }).value).toBe(7);
    expect(parseOne({ style: "simple", explode: false, schema: schemas.string, serialized: "a%20b" }).value).toBe(
      "a b",
    );
    for (const serialized of ["%E0%A4%A", ".%E0%A4%A", ";color=%E0%A4%A"]) {
      const style: ParameterStyle = serialized.startsWith(".")
        ? "label"
        : serialized.startsWith(";")
          ? "matrix"
          : "simple";
      expect(firstIssue({ style, explode: false, schema: schemas.string, serialized }).keyword, serialized).toBe(
        "encoding",
      );
    }
  });
});

describe("headers, cookies, required", () => {
  it("headers are simple style, case-insensitive and not percent-decoded; repeated headers are one list", () => {
    const parameters: ParameterDefinition[] = [
      { name: "X-Rate-Limit", in: "header", style: "simple", explode: false, schema: { type: "integer" } },
      {
        name: "X-Tags",
        in: "header",
        style: "simple",
        explode: false,
        schema: { type: "array", items: { type: "string" } },
      },
      {
        name: "X-Ids",
        in: "header",
        style: "simple",
        explode: false,
        schema: { type: "array", items: { type: "integer" } },
      },
      { name: "X-Absent", in: "header", style: "simple", explode: false, schema: { type: "string" } },
    ];
    const result = parseParameters({
      parameters,
      raw: { headers: { "x-rate-limit": "10", "x-tags": "a%20b,c", "x-ids": ["1", "2"], "x-absent": undefined } },
    });
    expect(result.errors).toEqual([]);
    expect(result.values.header).toEqual({ "X-Rate-Limit": 10, "X-Tags": ["a%20b", "c"], "X-Ids": [1, 2] });
  });

  it("cookies are form style", () => {
    const parameters: ParameterDefinition[] = [
      {
        name: "ids",
        in: "cookie",
        style: "form",
        explode: false,
        schema: { type: "array", items: { type: "integer" } },
      },
      { name: "session", in: "cookie", style: "form", explode: true, schema: { type: "string" } },
      { name: "flag", in: "cookie", style: "form", explode: true, schema: { type: "string" } },
    ];
    const result = parseParameters({ parameters, raw: { cookie: "session=abc%3D; ids=1,2; flag; ;" } });
    expect(result.values.cookie).toEqual({ ids: [1, 2], session: "abc=", flag: "" });
  });

  it("missing required parameters are reported all at once; optional ones are simply absent", () => {
    const parameters: ParameterDefinition[] = [
      { name: "id", in: "path", style: "simple", explode: false, schema: { type: "integer" }, required: true },
      { name: "slug", in: "path", style: "simple", explode: false, schema: { type: "string" } },
      { name: "q", in: "query", style: "form", explode: true, schema: { type: "string" }, required: true },
      { name: "sort", in: "query", style: "form", explode: true, schema: { type: "string" } },
      { name: "X-Trace", in: "header", style: "simple", explode: false, schema: { type: "string" }, required: true },
      { name: "session", in: "cookie", style: "form", explode: true, schema: { type: "string" }, required: true },
    ];
    const result = parseParameters({ parameters, raw: {} });
    expect(result.errors.map((e) => e.field)).toEqual([
      "path.id",
      "path.slug",
      "query.q",
      'header["X-Trace"]',
      "cookie.session",
    ]);
    const locations: ParameterLocation[] = ["query", "path", "header", "cookie"];
    for (const location of locations) expect(result.values[location]).toEqual({});
  });

  it("a parameter named __proto__ is a value, not a prototype", () => {
    const parsed = parseParameters({
      parameters: [{ name: "__proto__", in: "query", style: "form", explode: true, schema: { type: "integer" } }],
      raw: { query: "__proto__=3" },
    });
    expect(Object.keys(parsed.values.query)).toEqual(["__proto__"]);
    expect(Object.getOwnPropertyDescriptor(parsed.values.query, "__proto__")?.value).toBe(3);
  });
});
