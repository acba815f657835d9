import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// runtime/shared/.../generatedData.ts reads the JSON vx-gen wrote relative to its own module, wherever the module is
// (src/generated/runtime/ in the sources, dist/generated/runtime/ when built): here copied into a folder of its own.

const dir = mkdtempSync(join(tmpdir(), "vx-generated-data-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("generatedData", () => {
  it("reads the document byte for byte, parses it once when asked, and reads the response schemas, all next to the module", async () => {
    const generated = join(dir, "dist", "generated");
    mkdirSync(join(generated, "runtime"), { recursive: true });
    mkdirSync(join(generated, "validation"), { recursive: true });
    cpSync(join(import.meta.dirname, "..", "..", "runtime", "shared", "src", "generated", "runtime", "generatedData.ts"), join(generated, "runtime", "generatedData.ts"));
    const document = '{\n  "openapi": "3.1.0",\n  "info": { "title": "t \\u2028 \\"q\\"", "version": "1" },\n  "__proto__": { "x": 1 }\n}\n';
    writeFileSync(join(generated, "openapi.json"), document);
    writeFileSync(join(generated, "validation", "responses.json"), '{ "$id": "vx-response.json", "$defs": { "A": { "type": "string" } } }');
    const data = (await import(pathToFileURL(join(generated, "runtime", "generatedData.ts")).href)) as typeof import("../../runtime/shared/src/generated/runtime/generatedData.js");
    expect(data.openapiDocumentText).toBe(document);
    expect(Object.getOwnPropertyDescriptor(data.openapiDocument(), "__proto__")?.value).toEqual({ x: 1 });
    expect(data.openapiDocument()).toBe(data.openapiDocument());
    expect(data.responseSchemas).toEqual({ $id: "vx-response.json", $defs: { A: { type: "string" } } });
  });
});
