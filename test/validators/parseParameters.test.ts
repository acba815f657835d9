import { describe, expect, test } from "vitest";
import {
  isPlainPathParameter,
  parseParameters,
  parsePlainPathParameter,
  type ParameterDefinition,
  type ParameterStyle,
  type ParameterValueSchema,
} from "../../src/runtime/parseParameters.js";

const schemas: Record<"empty" | "string" | "array" | "object", ParameterValueSchema> = {
  empty: { type: "string" },
  string: { type: "string" },
  array: { type: "array", items: { type: "string" } },
  object: { type: "object", properties: { R: { type: "integer" }, G: { type: "integer" }, B: { type: "integer" } } },
};
const expected = { empty: "", string: "blue", array: ["blue", "black", "brown"], object: { R: 100, G: 200, B: 150 } };

/**
 * OpenAPI 3.1.0, 4.8.12.4 "Style Examples" (same table in 3.0.3): parameter `color` with the string "blue", the array
 * ["blue", "black", "brown"] and the object {"R": 100, "G": 200, "B": 150}; `null` = n/a in the table.
 */
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

describe("OpenAPI style examples (4.8.12.4)", () => {
  const kinds = ["empty", "string", "array", "object"] as const;
  for (const [style, explode, ...cells] of styleExamples) {
    cells.forEach((serialized, column) => {
      const kind = kinds[column] ?? "string";
      if (serialized === null) return;
      test(`${style} explode=${explode} ${kind}: ${JSON.stringify(serialized)}`, () => {
        const { errors, value } = parseOne({ style, explode, schema: schemas[kind], serialized });
        expect(errors).toEqual([]);
        expect(value).toEqual(expected[kind]);
      });
    });
  }
  test("an empty array serialises like the empty value", () => {
    expect(parseOne({ style: "form", explode: true, schema: schemas.array, serialized: "color=" }).value).toEqual([]);
    expect(parseOne({ style: "matrix", explode: false, schema: schemas.array, serialized: ";color" }).value).toEqual(
      [],
    );
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

  test("integers, numbers and booleans are converted; strings stay strings", () => {
    expect(query({ schema: { type: "integer" }, query: "id=42" }).values.query).toEqual({ id: 42 });
    expect(query({ schema: { type: "number" }, query: "id=-1.5e3" }).values.query).toEqual({ id: -1500 });
    expect(query({ schema: { type: "boolean" }, query: "id=false" }).values.query).toEqual({ id: false });
    expect(query({ schema: { type: "string" }, query: "id=12345" }).values.query).toEqual({ id: "12345" });
    expect(query({ schema: {}, query: "id=12345" }).values.query).toEqual({ id: "12345" });
    expect(query({ schema: { type: ["integer", "null"] }, query: "id=null" }).values.query).toEqual({ id: null });
  });

  test('"abc" for an integer is an issue, not NaN', () => {
    const result = query({ schema: { type: "integer" }, query: "id=abc" });
    expect(result.values.query).toEqual({});
    expect(result.errors).toEqual([{ field: "query.id", message: "must be an integer", keyword: "type" }]);
  });

  test("1.5 is not an integer, 1e400 is not a number, TRUE is not a boolean, huge integers are refused", () => {
    expect(query({ schema: { type: "integer" }, query: "id=1.5" }).errors[0]?.keyword).toBe("type");
    expect(query({ schema: { type: "number" }, query: "id=1e400" }).errors[0]?.keyword).toBe("type");
    expect(query({ schema: { type: "boolean" }, query: "id=TRUE" }).errors[0]?.keyword).toBe("type");
    expect(query({ schema: { type: "integer" }, query: "id=99999999999999999999" }).errors[0]?.message).toContain(
      "2^53",
    );
  });

  test("array items are converted with items.type and errors point at the item", () => {
    const ids = { type: "array", items: { type: "integer" } };
    expect(query({ schema: ids, query: "id=1&id=2&id=3" }).values.query).toEqual({ id: [1, 2, 3] });
    expect(query({ schema: ids, query: "id=1,2,3", explode: false }).values.query).toEqual({ id: [1, 2, 3] });
    expect(query({ schema: ids, query: "id=1&id=x&id=3" }).errors).toEqual([
      { field: "query.id[1]", message: "must be an integer", keyword: "type" },
    ]);
  });

  test("percent-encoded delimiters stay inside values; + is a space in queries", () => {
    const tags = { type: "array", items: { type: "string" } };
    expect(query({ schema: tags, query: "id=a%2Cb,c", explode: false }).values.query).toEqual({ id: ["a,b", "c"] });
    expect(query({ schema: { type: "string" }, query: "id=hello+world%21" }).values.query).toEqual({
      id: "hello world!",
    });
    expect(query({ schema: { type: "string" }, query: "id=%E0%A4%A" }).errors[0]?.keyword).toBe("encoding");
  });

  test("a primitive given twice is an issue", () => {
    expect(query({ schema: { type: "integer" }, query: "id=1&id=2" }).errors[0]?.message).toContain("once");
  });
});

describe("objects, headers, cookies, required", () => {
  test("form explode objects take only their declared properties", () => {
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
  });

  test("deepObject with coercion and an error path into the object", () => {
    const parameter: ParameterDefinition = {
      name: "filter",
      in: "query",
      style: "deepObject",
      explode: true,
      schema: { type: "object", properties: { min: { type: "number" } } },
    };
    expect(
      parseParameters({ parameters: [parameter], raw: { query: "filter[min]=2.5&filter[name]=x" } }).values.query,
    ).toEqual({ filter: { min: 2.5, name: "x" } });
    expect(parseParameters({ parameters: [parameter], raw: { query: "filter[min]=cheap" } }).errors).toEqual([
      { field: "query.filter.min", message: "must be a number", keyword: "type" },
    ]);
  });

  test("headers are simple style, case-insensitive and not percent-decoded", () => {
    const parameters: ParameterDefinition[] = [
      { name: "X-Rate-Limit", in: "header", style: "simple", explode: false, schema: { type: "integer" } },
      {
        name: "X-Tags",
        in: "header",
        style: "simple",
        explode: false,
        schema: { type: "array", items: { type: "string" } },
      },
    ];
    const result = parseParameters({ parameters, raw: { headers: { "x-rate-limit": "10", "x-tags": "a%20b,c" } } });
    expect(result.values.header).toEqual({ "X-Rate-Limit": 10, "X-Tags": ["a%20b", "c"] });
  });

  test("cookies are form style", () => {
    const parameters: ParameterDefinition[] = [
      {
        name: "ids",
        in: "cookie",
        style: "form",
        explode: false,
        schema: { type: "array", items: { type: "integer" } },
      },
      { name: "session", in: "cookie", style: "form", explode: true, schema: { type: "string" } },
    ];
    const result = parseParameters({ parameters, raw: { cookie: "session=abc%3D; ids=1,2" } });
    expect(result.values.cookie).toEqual({ ids: [1, 2], session: "abc=" });
  });

  test("missing required parameters are reported all at once; optional ones are simply absent", () => {
    const parameters: ParameterDefinition[] = [
      { name: "id", in: "path", style: "simple", explode: false, schema: { type: "integer" }, required: true },
      { name: "q", in: "query", style: "form", explode: true, schema: { type: "string" }, required: true },
      { name: "sort", in: "query", style: "form", explode: true, schema: { type: "string" } },
      { name: "X-Trace", in: "header", style: "simple", explode: false, schema: { type: "string" }, required: true },
    ];
    const result = parseParameters({ parameters, raw: {} });
    expect(result.errors.map((e) => e.field)).toEqual(["path.id", "query.q", 'header["X-Trace"]']);
    expect(result.values.query).toEqual({});
  });

  test("label and matrix values must carry their prefix", () => {
    expect(
      parseOne({ style: "label", explode: false, schema: schemas.string, serialized: "blue" }).errors[0]?.keyword,
    ).toBe("style");
    expect(
      parseOne({ style: "matrix", explode: false, schema: schemas.string, serialized: ";colour=blue" }).errors[0]
        ?.keyword,
    ).toBe("style");
    expect(
      parseOne({ style: "simple", explode: false, schema: schemas.object, serialized: "R,100,G" }).errors[0]?.message,
    ).toContain("pairs");
  });
});

describe("plain path parameters (the fast path)", () => {
  const integer: ParameterDefinition = { name: "bookId", in: "path", style: "simple", explode: false, schema: { type: "integer" }, required: true };
  const cases: { parameter: ParameterDefinition; text: string | undefined }[] = [
    { parameter: integer, text: "42" },
    { parameter: integer, text: "-0" },
    { parameter: integer, text: "4.5" },
    { parameter: integer, text: "9007199254740993" },
    { parameter: integer, text: "" },
    { parameter: integer, text: undefined },
    { parameter: { ...integer, schema: { type: ["integer", "null"] } }, text: "null" },
    { parameter: { ...integer, name: "__proto__", schema: { type: "number" } }, text: "1e3" },
    { parameter: { ...integer, schema: { type: "boolean" } }, text: "true" },
    { parameter: { ...integer, schema: { type: "boolean" } }, text: "yes" },
    { parameter: { ...integer, name: "slug", schema: { type: "string" } }, text: "a,b;c=d %" },
    { parameter: { ...integer, name: "any", schema: {} }, text: "x" },
  ];
  test.each(cases)("$parameter.name $parameter.schema.type $text: as parseParameters reads it", ({ parameter, text }) => {
    expect(isPlainPathParameter(parameter)).toBe(true);
    // parseParameters takes the raw (encoded) segment; the router hands the fast path the decoded one.
    const raw = text === undefined ? {} : { [parameter.name]: encodeURIComponent(text).replace(/%2C/gi, ",").replace(/%3B/gi, ";").replace(/%3D/gi, "=") };
    const general = parseParameters({ parameters: [parameter], raw: { path: Object.assign(Object.create(null), raw) } });
    const fast = parsePlainPathParameter({ parameter, text });
    if (general.errors.length > 0) expect(fast).toEqual({ ok: false, issue: general.errors[0] });
    else expect(fast).toEqual({ ok: true, value: general.values.path[parameter.name] });
  });

  test("styled, exploded into lists or objects, or not in the path: not plain", () => {
    expect(isPlainPathParameter({ ...integer, style: "label" })).toBe(false);
    expect(isPlainPathParameter({ ...integer, schema: { type: "array", items: { type: "integer" } } })).toBe(false);
    expect(isPlainPathParameter({ ...integer, schema: { type: "object" } })).toBe(false);
    expect(isPlainPathParameter({ ...integer, in: "query", style: "form" })).toBe(false);
  });
});
