import { describe, expect, test } from "vitest";
import { isPlainPathParameter, parseParameters, parsePlainPathParameter, type ParameterDefinition } from "../../runtime/shared/src/generated/runtime/parseParameters.js";

// The fast path for plain path parameters (simple style, primitive schema) against the general reader: the same
// value, or the same issue, for every case.

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
