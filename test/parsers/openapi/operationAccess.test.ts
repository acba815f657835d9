import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../src/ir/types.js";
import { mustApi, operationWithId, readSpecText } from "./helpers.js";

// x-vx-roles and x-vx-ip-allow on operations (3.x and Swagger 2.0): the IR and the diagnostics of invalid values.

/** A 3.0 document with a bearer scheme required by the document, and the given operations under `/things`. */
function spec30(operations: string): string {
  return `openapi: 3.0.3
info: { title: t, version: "1" }
security: [{ bearer: [] }]
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
  return diagnostics.filter((d) => d.code === "VX122").map((d) => `${d.code} ${d.location?.pointer ?? ""}`);
}

describe("x-vx-roles and x-vx-ip-allow", () => {
  it("are read onto the operation with their source (3.x), duplicates dropped", async () => {
    const result = await readSpecText({
      text: spec30(`    get:
      operationId: listThings
      x-vx-roles: [admin, staff, admin]
      x-vx-ip-allow: ["10.0.0.0/8", "2001:db8::/32", "127.0.0.1"]
${ok}
    post:
      operationId: createThing
${ok}`),
    });
    const list = operationWithId(mustApi(result), "listThings");
    expect(list.roles).toEqual({ kind: "roles", roles: ["admin", "staff"], source: { kind: "openapi", file: expect.stringMatching(/api\.yaml$/), pointer: "/paths/~1things/get/x-vx-roles" } });
    expect(list.ipAllow?.ranges).toEqual(["10.0.0.0/8", "2001:db8::/32", "127.0.0.1"]);
    expect(list.ipAllow?.source.pointer).toBe("/paths/~1things/get/x-vx-ip-allow");
    const create = operationWithId(mustApi(result), "createThing");
    expect(create.roles).toBeUndefined();
    expect(create.ipAllow).toBeUndefined();
    expect(codes(result.diagnostics)).toEqual([]);
  });

  it("are read in Swagger 2.0, hostile role names kept as data", async () => {
    const result = await readSpecText({
      text: `swagger: "2.0"
info: { title: t, version: "1" }
securityDefinitions:
  key: { type: apiKey, in: header, name: X-Key }
paths:
  /things:
    get:
      operationId: listThings
      security: [{ key: [] }]
      x-vx-roles: ["__proto__", "a\\"b\\r\\nc", "constructor"]
      x-vx-ip-allow: ["::1"]
      responses: { "200": { description: ok } }
`,
    });
    const list = operationWithId(mustApi(result), "listThings");
    expect(list.roles?.roles).toEqual(["__proto__", 'a"b\r\nc', "constructor"]);
    expect(list.ipAllow?.ranges).toEqual(["::1"]);
    expect(codes(result.diagnostics)).toEqual([]);
  });

  it("invalid values are VX122 errors at the value or the bad entry", async () => {
    const result = await readSpecText({
      text: spec30(`    get:
      x-vx-roles: admin
      x-vx-ip-allow: ["10.0.0.0/8", "10.0.0.0/33"]
${ok}
    post:
      x-vx-roles: [admin, ""]
      x-vx-ip-allow: []
${ok}
    put:
      x-vx-roles: []
      x-vx-ip-allow: [localhost]
${ok}
    delete:
      x-vx-ip-allow: [fe80::1%eth0, 7]
${ok}`),
    });
    expect(codes(result.diagnostics).sort()).toEqual(
      [
        "VX122 /paths/~1things/get/x-vx-roles",
        "VX122 /paths/~1things/get/x-vx-ip-allow/1",
        "VX122 /paths/~1things/post/x-vx-roles/1",
        "VX122 /paths/~1things/post/x-vx-ip-allow",
        "VX122 /paths/~1things/put/x-vx-roles",
        "VX122 /paths/~1things/put/x-vx-ip-allow/0",
        "VX122 /paths/~1things/delete/x-vx-ip-allow/1",
      ].sort(),
    );
    const errors = result.diagnostics.filter((d) => d.code === "VX122");
    expect(errors.every((d) => d.severity === "error" && d.location?.line !== undefined)).toBe(true);
    expect(errors.find((d) => d.location?.pointer === "/paths/~1things/post/x-vx-ip-allow")?.message).toBe("x-vx-ip-allow of POST /things: an empty list would deny every caller");
    expect(errors.find((d) => d.location?.pointer === "/paths/~1things/get/x-vx-ip-allow/1")?.message).toContain('"10.0.0.0/33" is not an IPv4 or IPv6 address');
    const api = mustApi(result);
    expect(api.operations.every((op) => op.roles === undefined && op.ipAllow === undefined)).toBe(true);
  });

  it("roles on a public operation are a VX123 error naming it, with help to add security", async () => {
    const result = await readSpecText({
      text: spec30(`    get:
      operationId: openList
      security: []
      x-vx-roles: [admin]
${ok}
    post:
      operationId: anonymousOnly
      security: [{}]
      x-vx-roles: [admin]
${ok}`),
    });
    const errors = result.diagnostics.filter((d) => d.code === "VX123");
    expect(errors.map((d) => [d.severity, d.location?.pointer, d.message])).toEqual([
      ["error", "/paths/~1things/get/x-vx-roles", "x-vx-roles of GET /things: the operation is public (no security requirement), so no caller has a role and it could never run"],
      ["error", "/paths/~1things/post/x-vx-roles", "x-vx-roles of POST /things: the operation is public (its security is `[{}]`), so no caller has a role and it could never run"],
    ]);
    expect(errors.every((d) => d.help?.includes("add a `security` requirement"))).toBe(true);
  });

  it("roles with no security anywhere are VX123; an anonymous alternative beside others is a VX124 warning", async () => {
    const none = await readSpecText({
      text: `openapi: 3.1.0
info: { title: t, version: "1" }
paths:
  /things:
    get:
      x-vx-roles: [admin]
${ok}
`,
    });
    expect(codes(none.diagnostics)).toEqual([]);
    expect(none.diagnostics.filter((d) => d.code === "VX123").map((d) => d.location?.pointer)).toEqual(["/paths/~1things/get/x-vx-roles"]);
    const optional = await readSpecText({ text: spec30(`    get:\n      security: [{}, { bearer: [] }]\n      x-vx-roles: [admin]\n${ok}`) });
    expect(optional.diagnostics.filter((d) => d.code === "VX124").map((d) => [d.severity, d.location?.pointer])).toEqual([["warning", "/paths/~1things/get/x-vx-roles"]]);
    expect(mustApi(optional).operations[0]?.roles?.roles).toEqual(["admin"]);
  });
});

describe("schemas/vx.extensions.schema.json documents x-vx-roles and x-vx-ip-allow", () => {
  it("accepts non-empty lists and rejects what the reader refuses", async () => {
    const { default: Ajv2020 } = await import("ajv/dist/2020.js");
    const extensions = JSON.parse(readFileSync("schemas/vx.extensions.schema.json", "utf8")) as { $id: string };
    const ajv = new Ajv2020.default({ strict: false });
    ajv.addSchema(extensions);
    const operation = ajv.getSchema(`${extensions.$id}#/$defs/operation`);
    expect(operation?.({ "x-vx-roles": ["admin", "staff"], "x-vx-ip-allow": ["10.0.0.0/8", "2001:db8::/32", "127.0.0.1"] })).toBe(true);
    for (const bad of [{ "x-vx-roles": [] }, { "x-vx-roles": "admin" }, { "x-vx-roles": [""] }, { "x-vx-ip-allow": [] }, { "x-vx-ip-allow": ["localhost"] }, { "x-vx-ip-allow": [7] }])
      expect(operation?.(bad), JSON.stringify(bad)).toBe(false);
  });
});
