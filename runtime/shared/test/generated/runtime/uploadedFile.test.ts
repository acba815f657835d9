import { describe, expect, it } from "vitest";
import { essentialMediaType, isUploadedFile, uploadedFile } from "../../../src/generated/runtime/uploadedFile.js";

// The file parts of multipart bodies (src/generated/runtime/uploadedFile.ts), as handlers get them.

describe("uploadedFile", () => {
  it("keeps the bytes, counts them and names the media type without parameters, in lower case", () => {
    const file = uploadedFile({ filename: "cover.png", contentType: "Image/PNG; name=x", data: Buffer.from("abc") });
    expect(file).toEqual({ filename: "cover.png", mimeType: "image/png", size: 3, data: Buffer.from("abc") });
    expect(Object.isFrozen(file)).toBe(true);
    expect(isUploadedFile(file)).toBe(true);
  });

  it("defaults an absent media type to application/octet-stream and an absent name to empty", () => {
    const file = uploadedFile({ filename: undefined, contentType: undefined, data: Buffer.alloc(0) });
    expect(file).toMatchObject({ filename: "", mimeType: "application/octet-stream", size: 0 });
    expect(essentialMediaType("  ")).toBe("application/octet-stream");
  });

  it("tells its own files from look-alikes", () => {
    expect(isUploadedFile({ filename: "a", mimeType: "text/plain", size: 1, data: Buffer.from("a") })).toBe(false);
    expect(isUploadedFile(null)).toBe(false);
    expect(isUploadedFile("file")).toBe(false);
  });
});
