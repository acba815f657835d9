import { describe, expect, it } from "vitest";
import type { FormValueShape } from "../../../src/generated/runtime/formBody.js";
import {
  isMultipartMediaType,
  multipartApiError,
  multipartBody,
  MultipartBodyError,
  multipartLimitsOf,
  type MultipartField,
} from "../../../src/generated/runtime/multipartBody.js";
import { uploadedFile } from "../../../src/generated/runtime/uploadedFile.js";

// Multipart bodies (src/generated/runtime/multipartBody.ts): text parts typed by the schema, JSON parts parsed, files kept.

const shape: FormValueShape = {
  type: "object",
  properties: {
    caption: { type: "string" },
    position: { type: "integer" },
    public: { type: "boolean" },
    tags: { type: "array", items: { type: "string" } },
    crop: { type: "object", properties: { x: { type: "integer" } } },
    link: { type: "object", properties: { create: { type: "boolean" } } },
    cover: { type: "string" },
    pages: { type: "array", items: { type: "string" } },
  },
};

const field = (name: string, value: string, contentType?: string): MultipartField => ({ name, value, contentType });
const file = (name: string) =>
  uploadedFile({ filename: `${name}.png`, contentType: "image/png", data: Buffer.from(name) });

describe("multipartBody", () => {
  it("types text parts by the schema, parses object parts as JSON (not coerced) and keeps files", () => {
    const cover = file("cover");
    const body = multipartBody({
      fields: [
        field("caption", "Front"),
        field("position", "2"),
        field("public", "true"),
        field("tags", "a"),
        field("crop", '{"x":"1"}'),
      ],
      files: [{ name: "cover", file: cover }],
      shape,
      maxDepth: 8,
    });
    expect(body).toEqual({ caption: "Front", position: 2, public: true, tags: ["a"], crop: { x: "1" }, cover });
    expect(body["cover"]).toBe(cover);
  });

  it("reads bracket notation (Stripe's deepObject parts) and repeated names as lists", () => {
    const body = multipartBody({
      fields: [field("link[create]", "true"), field("tags", "a"), field("tags", "b")],
      files: [],
      shape,
      maxDepth: 8,
    });
    expect(body).toEqual({ link: { create: true }, tags: ["a", "b"] });
  });

  it("makes a list of files where the schema asks for an array or a name repeats", () => {
    const [a, b, c] = [file("a"), file("b"), file("c")];
    const body = multipartBody({
      fields: [],
      files: [
        { name: "pages", file: a },
        { name: "cover", file: b },
        { name: "cover", file: c },
      ],
      shape,
      maxDepth: 8,
    });
    expect(body).toEqual({ pages: [a], cover: [b, c] });
  });

  it("parses a part declared application/json whatever its property", () => {
    const body = multipartBody({
      fields: [field("meta", '{"a":[1]}', "application/json")],
      files: [],
      shape,
      maxDepth: 8,
    });
    expect(body).toEqual({ meta: { a: [1] } });
  });

  it("refuses unreadable JSON naming the part, and __proto__ keys inside it", () => {
    const bad = () => multipartBody({ fields: [field("crop", "{x:")], files: [], shape, maxDepth: 8 });
    expect(bad).toThrow(MultipartBodyError);
    try {
      bad();
    } catch (error) {
      expect(error).toMatchObject({ status: 400, part: "crop" });
    }
    const poisoned = () =>
      multipartBody({ fields: [field("crop", '{"__proto__":{"x":1}}')], files: [], shape, maxDepth: 8 });
    expect(poisoned).toThrow(MultipartBodyError);
  });

  it("keeps a part named like an Object.prototype member as data, never on the prototype", () => {
    const body = multipartBody({ fields: [], files: [{ name: "__proto__", file: file("x") }], shape, maxDepth: 8 });
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.hasOwn(body, "__proto__")).toBe(true);
  });

  it("refuses text parts nested deeper than maxDepth (400)", () => {
    const deep = () => multipartBody({ fields: [field("a[b][c][d]", "1")], files: [], shape, maxDepth: 2 });
    expect(deep).toThrow(MultipartBodyError);
  });

  it("answers a refused body in the error format: 413 over a limit, 400 otherwise, naming the part", () => {
    const large = multipartApiError(
      new MultipartBodyError({ status: 413, part: "cover", message: "is larger than 10 bytes" }),
    );
    expect(large).toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413, details: [{ field: "cover" }] });
    const bad = multipartApiError(new MultipartBodyError({ status: 400, message: "is not multipart" }));
    expect(bad).toMatchObject({
      code: "VALIDATION_ERROR",
      status: 400,
      details: [{ field: "body", message: "is not multipart" }],
    });
  });

  it("takes its limits from the server's UPLOAD_* limits", () => {
    const limits = {
      uploadFileSizeLimit: 5,
      uploadMaxFiles: 2,
      uploadMaxFields: 3,
      uploadFieldSizeLimit: 4,
      bodyLimit: 9,
    };
    expect(multipartLimitsOf(limits)).toEqual({ fileSize: 5, files: 2, fields: 3, fieldSize: 4 });
  });

  it("recognises the multipart media type with its boundary", () => {
    expect(isMultipartMediaType("multipart/form-data; boundary=x")).toBe(true);
    expect(isMultipartMediaType("Multipart/Form-Data")).toBe(true);
    expect(isMultipartMediaType("multipart/mixed")).toBe(false);
    expect(isMultipartMediaType(undefined)).toBe(false);
  });
});
