import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rateLimitWithoutApiKey } from "../../../src/binding/rateLimitWithoutApiKey.js";
import type { Diagnostic } from "../../../src/ir/types.js";
import { parseWindow } from "../../../src/util/parseWindow.js";
import { mustApi, operationWithId, readSpecText } from "./helpers.js";

// x-vx-rate-limit on operations: the IR, and the VX140-VX144 diagnostics of invalid values.

/** A 3.0 document with a bearer and an API key scheme, an open `/open` path and the given operations under `/things`. */
function spec30(operations: string): string {
  return `openapi: 3.0.3
info: { title: t, version: "1" }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
    key: { type: apiKey, in: header, name: X-Key }
paths:
  /things:
${operations}
`;
}

const ok = '      responses: { "200": { description: ok } }';

function rateCodes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics
    .filter((d) => /^VX14[0-4]$/.test(d.code))
    .map((d) => `${d.code} ${d.location?.pointer ?? ""}`)
    .sort();
}

describe("parseWindow", () => {
  it("reads units and milliseconds, refuses the rest", () => {
    expect(["1m", "30s", "500ms", "2h", "1d", "1500", " 1m "].map(parseWindow)).toEqual([
      60_000, 30_000, 500, 7_200_000, 86_400_000, 1_500, 60_000,
    ]);
    expect(parseWindow(250)).toBe(250);
    for (const bad of ["", "0", "0s", "1 m", "1w", "-1s", "1.5s", "2d", "m", 0, -5, 1.5, null, true, {}])
      expect(parseWindow(bad), JSON.stringify(bad)).toBeUndefined();
  });
});

describe("x-vx-rate-limit", () => {
  it("is read onto the operation with its source, window and key defaulting to 1m and ip", async () => {
    const result = await readSpecText({
      text: spec30(`    get:
      operationId: listThings
      x-vx-rate-limit: { max: 5, window: "30s", key: ip }
${ok}
    post:
      operationId: createThing
      security: [{ bearer: [] }]
      x-vx-rate-limit: { max: 2, key: principal }
${ok}
    put:
      operationId: putThing
      security: [{ key: [] }]
      x-vx-rate-limit: { max: 100, window: 2000, key: apiKey }
${ok}
    delete:
      operationId: deleteThing
${ok}`),
    });
    const api = mustApi(result);
    expect(operationWithId(api, "listThings").rateLimit).toEqual({
      kind: "rateLimit",
      max: 5,
      windowMs: 30_000,
      key: "ip",
      source: { kind: "openapi", file: expect.stringMatching(/api\.yaml$/), pointer: "/paths/~1things/get/x-vx-rate-limit" },
    });
    expect(operationWithId(api, "createThing").rateLimit).toMatchObject({ max: 2, windowMs: 60_000, key: "principal" });
    expect(operationWithId(api, "putThing").rateLimit).toMatchObject({ max: 100, windowMs: 2_000, key: "apiKey" });
    expect(operationWithId(api, "deleteThing").rateLimit).toBeUndefined();
    expect(rateCodes(result.diagnostics)).toEqual([]);
    expect(rateLimitWithoutApiKey({ operations: api.operations, schemes: api.securitySchemes })).toEqual([]);
  });

  it("reports each malformed value at the member, with help, and keeps no limit", async () => {
    const result = await readSpecText({
      text: spec30(`    get:
      operationId: a
      x-vx-rate-limit: 5
${ok}
    post:
      operationId: b
      x-vx-rate-limit: { max: 0, window: "1w", key: everyone, burst: 3 }
${ok}
    put:
      operationId: c
      x-vx-rate-limit: { max: 2.5, key: principal }
${ok}
    patch:
      operationId: d
      security: [{}]
      x-vx-rate-limit: { window: "1m", key: apiKey }
${ok}`),
    });
    const api = mustApi(result);
    expect(rateCodes(result.diagnostics)).toEqual([
      "VX140 /paths/~1things/get/x-vx-rate-limit",
      "VX140 /paths/~1things/post/x-vx-rate-limit/burst",
      "VX141 /paths/~1things/patch/x-vx-rate-limit/max",
      "VX141 /paths/~1things/post/x-vx-rate-limit/max",
      "VX141 /paths/~1things/put/x-vx-rate-limit/max",
      "VX142 /paths/~1things/post/x-vx-rate-limit/window",
      "VX143 /paths/~1things/post/x-vx-rate-limit/key",
      "VX144 /paths/~1things/patch/x-vx-rate-limit/key",
      "VX144 /paths/~1things/put/x-vx-rate-limit/key",
    ]);
    for (const diagnostic of result.diagnostics.filter((d) => /^VX14[0-4]$/.test(d.code))) {
      expect(diagnostic.severity).toBe("error");
      expect(diagnostic.help).toBeTruthy();
      expect(diagnostic.location?.file).toMatch(/api\.yaml$/);
    }
    expect(result.diagnostics.find((d) => d.code === "VX144" && d.location?.pointer?.includes("put") === true)?.message).toMatch(
      /key principal on an operation anyone may call \(no security requirement\)/,
    );
    for (const id of ["a", "b", "c", "d"]) expect(operationWithId(api, id).rateLimit).toBeUndefined();
  });

  it("key apiKey where the operation's schemes are not API keys: VX144 from binding", async () => {
    const result = await readSpecText({
      text: spec30(`    get:
      operationId: listThings
      security: [{ bearer: [] }]
      x-vx-rate-limit: { max: 5, key: apiKey }
${ok}`),
    });
    const api = mustApi(result);
    const diagnostics = rateLimitWithoutApiKey({ operations: api.operations, schemes: api.securitySchemes });
    expect(diagnostics.map((d) => [d.code, d.location?.pointer])).toEqual([
      ["VX144", "/paths/~1things/get/x-vx-rate-limit/key"],
    ]);
    expect(diagnostics[0]?.message).toMatch(/security schemes \(bearer\) are not API keys/);
  });

  it("is read in Swagger 2.0", async () => {
    const result = await readSpecText({
      text: `swagger: "2.0"
info: { title: t, version: "1" }
paths:
  /things:
    get:
      operationId: listThings
      x-vx-rate-limit: { max: 3, window: 1s }
      responses: { "200": { description: ok } }
`,
    });
    expect(operationWithId(mustApi(result), "listThings").rateLimit).toMatchObject({ max: 3, windowMs: 1_000, key: "ip" });
  });
});

describe("schemas/vx.extensions.schema.json documents x-vx-rate-limit", () => {
  it("accepts what the reader reads and rejects what it refuses", async () => {
    const { default: Ajv2020 } = await import("ajv/dist/2020.js");
    const extensions = JSON.parse(readFileSync("schemas/vx.extensions.schema.json", "utf8")) as { $id: string };
    const ajv = new Ajv2020.default({ strict: false });
    ajv.addSchema(extensions);
    const operation = ajv.getSchema(`${extensions.$id}#/$defs/operation`);
    for (const good of [{ max: 5, window: "1m", key: "ip" }, { max: 1 }, { max: 3, window: 1_500, key: "apiKey" }])
      expect(operation?.({ "x-vx-rate-limit": good }), JSON.stringify(good)).toBe(true);
    for (const bad of [5, { max: 0 }, { window: "1m" }, { max: 5, window: "1w" }, { max: 5, key: "user" }, { max: 5, burst: 1 }])
      expect(operation?.({ "x-vx-rate-limit": bad }), JSON.stringify(bad)).toBe(false);
  });
});
