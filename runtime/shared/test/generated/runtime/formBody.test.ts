import { describe, expect, it } from "vitest";
import {
  coerceFormBody,
  FormBodyError,
  isFormBody,
  isFormMediaType,
  parseFormBody,
  type FormValueShape,
} from "../../../src/generated/runtime/formBody.js";

// Urlencoded form bodies (src/generated/runtime/formBody.ts): parsed in bracket notation, then typed by the schema.

const customer: FormValueShape = {
  type: "object",
  properties: {
    name: { type: "string" },
    balance: { type: "integer" },
    tax_exempt: { type: ["boolean", "null"] },
    expand: { type: "array", items: { type: "string" } },
    metadata: { type: "object" },
    items: {
      type: "array",
      items: { type: "object", properties: { price: { type: "string" }, quantity: { type: "integer" } } },
    },
    ids: { type: "array", items: { type: "integer" } },
  },
};

describe("parseFormBody", () => {
  it("reads Stripe's bracket notation and repeated fields", () => {
    const text =
      "name=J+D%C3%B6e&metadata[order]=6735&expand[]=customer&expand[]=invoice&items[0][price]=p1&items[0][quantity]=2&ids=1&ids=2";
    expect(parseFormBody({ text, maxDepth: 5 })).toEqual({
      name: "J Döe",
      metadata: { order: "6735" },
      expand: ["customer", "invoice"],
      items: [{ price: "p1", quantity: "2" }],
      ids: ["1", "2"],
    });
  });

  it("marks what it parsed, so only form bodies are coerced", () => {
    const parsed = parseFormBody({ text: "a=1", maxDepth: 5 });
    expect(isFormBody(parsed)).toBe(true);
    expect(isFormBody({ a: "1" })).toBe(false);
    expect(isFormBody("a=1")).toBe(false);
  });

  it("drops keys that would reach Object.prototype", () => {
    const parsed = parseFormBody({ text: "__proto__[polluted]=1&constructor[prototype][x]=1&ok=1", maxDepth: 5 });
    expect(parsed).toEqual({ ok: "1" });
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("refuses a form nested deeper than the limit, or with more than 1,000 fields, whole", () => {
    expect(() => parseFormBody({ text: "a[b][c][d]=1", maxDepth: 2 })).toThrow(FormBodyError);
    const many = Array.from({ length: 1001 }, (_, i) => `f${i}=x`).join("&");
    expect(() => parseFormBody({ text: many, maxDepth: 5 })).toThrow(FormBodyError);
    expect(Object.keys(parseFormBody({ text: many.split("&").slice(0, 1000).join("&"), maxDepth: 5 }))).toHaveLength(
      1000,
    );
  });
});

describe("coerceFormBody", () => {
  it("splits an array the form's encoding joins in one value (`style: form, explode: false`, space, pipe)", () => {
    const shape = {
      type: "object",
      properties: {
        tags: { type: "array", items: { type: "string" }, delimiter: "," },
        ids: { type: "array", items: { type: "integer" }, delimiter: "|" },
        words: { type: "array", items: { type: "string" }, delimiter: " " },
        none: { type: "array", items: { type: "string" }, delimiter: "," },
        plain: { type: "array", items: { type: "string" } },
      },
    };
    const parsed = parseFormBody({ text: "tags=a,b,c&ids=1|2&words=x%20y&none=&plain=a,b", maxDepth: 5 });
    expect(coerceFormBody({ value: parsed, shape })).toEqual({
      tags: ["a", "b", "c"],
      ids: [1, 2],
      words: ["x", "y"],
      none: [],
      plain: ["a,b"],
    });
  });

  it("types values where the schema asks: integers, booleans, lists of one, nested lists of objects", () => {
    const parsed = parseFormBody({
      text: "name=007&balance=-250&tax_exempt=true&expand=customer&items[0][quantity]=3&ids=1&ids=2",
      maxDepth: 5,
    });
    expect(coerceFormBody({ value: parsed, shape: customer })).toEqual({
      name: "007",
      balance: -250,
      tax_exempt: true,
      expand: ["customer"],
      items: [{ quantity: 3 }],
      ids: [1, 2],
    });
  });

  it("leaves what does not read as its type a string, for the validator to report", () => {
    expect(coerceFormBody({ value: { balance: "12abc", tax_exempt: "yes" }, shape: customer })).toEqual({
      balance: "12abc",
      tax_exempt: "yes",
    });
  });

  it("reads an empty value as null only where the schema allows null", () => {
    expect(coerceFormBody({ value: { tax_exempt: "", name: "" }, shape: customer })).toEqual({
      tax_exempt: null,
      name: "",
    });
  });

  it("keeps fields the schema does not describe as sent", () => {
    expect(coerceFormBody({ value: { other: "1", metadata: { n: "2" } }, shape: customer })).toEqual({
      other: "1",
      metadata: { n: "2" },
    });
  });
});

describe("isFormMediaType", () => {
  it("matches the urlencoded type with or without parameters, in any case", () => {
    expect(isFormMediaType("application/x-www-form-urlencoded")).toBe(true);
    expect(isFormMediaType("Application/X-WWW-Form-Urlencoded; charset=utf-8")).toBe(true);
    expect(isFormMediaType("application/x-www-form-urlencoded-not")).toBe(false);
    expect(isFormMediaType("multipart/form-data")).toBe(false);
    expect(isFormMediaType(undefined)).toBe(false);
  });
});
