import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../src/ir/types.js";
import { mustApi, operationWithId, readSpecText } from "./helpers.js";

// x-vx-cache-control on operations: the IR (plain data with its source) and the diagnostics VX145-VX149.

/** A 3.0 document with a bearer scheme (not required by the document), and the given operations under `/things`. */
function spec30(operations: string): string {
  return `openapi: 3.0.3
info: { title: t, version: "1" }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
paths:
  /things:
${operations}
`;
}

const ok = '      responses: { "200": { description: ok } }';

function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.filter((d) => /^VX14[5-9]$/.test(d.code)).map((d) => `${d.code} ${d.location?.pointer ?? ""}`);
}

/** The diagnostics of one GET operation with `x-vx-cache-control: value` (`secured`: bearer required). */
async function diagnosticsOf({
  value,
  secured = false,
}: {
  value: string;
  secured?: boolean;
}): Promise<{ codes: string[]; messages: string[]; read: string | undefined }> {
  const result = await readSpecText({
    text: spec30(`    get:
      operationId: listThings
${secured ? "      security: [{ bearer: [] }]\n" : ""}      x-vx-cache-control: ${value}
${ok}`),
  });
  const matching = result.diagnostics.filter((d) => /^VX14[5-9]$/.test(d.code));
  return {
    codes: codes(result.diagnostics),
    messages: matching.map((d) => d.message),
    read: operationWithId(mustApi(result), "listThings").cacheControl?.value,
  };
}

describe("x-vx-cache-control", () => {
  it("is read onto a GET operation with its source, directive names lower-cased", async () => {
    const result = await readSpecText({
      text: spec30(`    get:
      operationId: listThings
      x-vx-cache-control: "Public,  max-age=60 , stale-while-revalidate=30"
${ok}`),
    });
    const list = operationWithId(mustApi(result), "listThings");
    expect(list.cacheControl).toEqual({
      kind: "cacheControl",
      value: "public, max-age=60, stale-while-revalidate=30",
      source: {
        kind: "openapi",
        file: expect.stringMatching(/api\.yaml$/),
        pointer: "/paths/~1things/get/x-vx-cache-control",
      },
    });
    expect(codes(result.diagnostics)).toEqual([]);
  });

  it("VX145 for a value that is not a non-empty string", async () => {
    for (const value of ["60", "[public]", '""', "{ maxAge: 60 }"]) {
      const { codes: found, read } = await diagnosticsOf({ value });
      expect(found, value).toEqual(["VX145 /paths/~1things/get/x-vx-cache-control"]);
      expect(read).toBeUndefined();
    }
  });

  it("VX146 on an operation other than GET", async () => {
    const result = await readSpecText({
      text: spec30(`    post:
      operationId: createThing
      x-vx-cache-control: "max-age=60"
${ok}`),
    });
    expect(codes(result.diagnostics)).toEqual(["VX146 /paths/~1things/post/x-vx-cache-control"]);
    expect(operationWithId(mustApi(result), "createThing").cacheControl).toBeUndefined();
  });

  it("VX147 for a value that is not Cache-Control syntax, or a duration that is not whole seconds", async () => {
    for (const value of [
      '"max-age=60; public"',
      '"public,,max-age=1"',
      '"max-age=1m"',
      '"max-age"',
      '"no-cache\\r\\nSet-Cookie: a=b"',
    ]) {
      const { codes: found, read } = await diagnosticsOf({ value });
      expect(found, value).toEqual(["VX147 /paths/~1things/get/x-vx-cache-control"]);
      expect(read).toBeUndefined();
    }
  });

  it("VX148 on a secured operation unless the answer stays out of shared caches", async () => {
    for (const value of ['"public, max-age=60"', '"max-age=60"', '"private, s-maxage=60"', '"no-cache"']) {
      const { codes: found, messages, read } = await diagnosticsOf({ value, secured: true });
      expect(found, value).toEqual(["VX148 /paths/~1things/get/x-vx-cache-control"]);
      expect(messages[0]).toMatch(/shared cache/);
      expect(read).toBeUndefined();
    }
    for (const value of ['"private, max-age=60"', '"no-store"', '"private, no-cache"']) {
      const { codes: found, read } = await diagnosticsOf({ value, secured: true });
      expect([found, read], value).toEqual([[], JSON.parse(value)]);
    }
  });

  it("VX149 (a warning) for a directive that is not standard, sent as written", async () => {
    const { codes: found, messages, read } = await diagnosticsOf({ value: '"max_age=60, private"' });
    expect(found).toEqual(["VX149 /paths/~1things/get/x-vx-cache-control"]);
    expect(messages[0]).toContain('"max_age"');
    expect(read).toBe("max_age=60, private");
  });

  it("is the same in Swagger 2.0", async () => {
    const result = await readSpecText({
      text: `swagger: "2.0"
info: { title: t, version: "1" }
paths:
  /things:
    get:
      operationId: listThings
      x-vx-cache-control: "public, max-age=5"
      responses: { "200": { description: ok } }
`,
    });
    expect(operationWithId(mustApi(result), "listThings").cacheControl?.value).toBe("public, max-age=5");
  });
});
