/**
 * Structural validation against the official OpenAPI schemas: what vx-gen can still generate correct code from is a
 * VX121 warning naming the offending key and saying why it is read past; what it cannot is a VX103 error; Ajv's
 * cascades of `oneOf`/`anyOf` alternatives come back as one message per place.
 */
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../src/ir/types.js";
import { readOpenApi } from "../../../src/parsers/openapi/readOpenApi.js";
import { buildIr } from "../../../src/pipeline/buildIr.js";
import { mustApi, readSpecText } from "./helpers.js";

const tictactoe = "fixtures/openapi/lenient/tictactoe.yaml";

/** `[severity code pointer]` of the structural diagnostics, in order. */
function structural(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.code === "VX103" || d.code === "VX121").map((d) => `${d.severity} ${d.code} ${d.message.slice(0, d.message.indexOf(": "))}`);
}

/** The same kinds of departure, written for each version; the comments say which are refused. */
const departures = (header: string) => `${header}
info:
  title: t
  version: 1.0
paths:
  pets:                              # refused: not a path
    get:
      responses:
        "200": {description: ok}
  /a:
    get:
      requestbody: {content: {}}     # refused: a case variant of a field vx-gen reads
      summary: 12
      responses:
        "200":                       # no description
          content: {application/json: {schema: {type: string}}}
        "2xx": {description: x}
  /b:
    get:
      parameters:
        - {name: q, in: nowhere, schema: {type: string}}                          # refused
        - {name: r, in: query, schema: {type: string}, content: {application/json: {}}}  # refused
      responses:
        "200": {description: ok}
components:
  securitySchemes:
    s1: {type: HTTP, scheme: bearer}                 # refused: type is case-sensitive
    s2: {type: apiKey, name: k, in: header, bearerFormat: x}
`;

describe("structural validation: read past or refused", () => {
  it("tictactoe (learn.openapis.org): `scheme: Bearer` with `bearerFormat` is one VX121 warning at the key, naming it and saying why", async () => {
    const result = await readOpenApi({ file: tictactoe });
    expect(result.diagnostics.filter((d) => d.severity !== "info")).toEqual([
      {
        code: "VX121",
        severity: "warning",
        message:
          '/components/securitySchemes/bearerHttpAuthentication/bearerFormat: "bearerFormat" is allowed by the OpenAPI 3.1 schema only with scheme "bearer" in lower case (vx-gen reads past it: HTTP auth schemes are case-insensitive, RFC 7235, so scheme "Bearer" is read as bearer)',
        location: { file: tictactoe, pointer: "/components/securitySchemes/bearerHttpAuthentication/bearerFormat", line: 107, column: 7 },
      },
    ]);
    // RFC 7235: auth schemes are case-insensitive; the IR has the bearer scheme in one spelling.
    expect(mustApi(result).securitySchemes).toMatchObject([{ kind: "http", name: "bearerHttpAuthentication", scheme: "bearer", bearerFormat: "JWT" }]);
  });

  it("--strict (buildIr strict) makes the same diagnostic an error", async () => {
    const lenient = await buildIr({ openapi: tictactoe });
    const strict = await buildIr({ openapi: tictactoe, strict: true });
    expect(lenient.ir.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(lenient.ir.diagnostics.filter((d) => d.code === "VX121").map((d) => d.help)).toEqual(['accepted; --strict (or "strict": true in the config) makes it an error']);
    const errors = strict.ir.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.code, d.location?.line])).toEqual([["VX121", 107]]);
    expect(errors[0]?.message).toContain('"bearerFormat"');
    expect(errors[0]?.help).toContain("--strict");
  });

  it("OpenAPI 3.1: each kind of departure classified, one diagnostic per place", async () => {
    const result = await readSpecText({ text: `${departures("openapi: 3.1.0")}  schemas:\n    My Schema: {type: string}\n` });
    expect(structural(result.diagnostics)).toEqual([
      "warning VX121 /info/version",
      "error VX103 /paths/pets",
      "error VX103 /paths/~1a/get/requestbody",
      "warning VX121 /paths/~1a/get/summary",
      "warning VX121 /paths/~1a/get/responses/200",
      "warning VX121 /paths/~1a/get/responses/2xx",
      "error VX103 /paths/~1b/get/parameters/0/in",
      "error VX103 /paths/~1b/get/parameters/1",
      "error VX103 /components/securitySchemes/s1/type",
      "warning VX121 /components/securitySchemes/s2/bearerFormat",
      "warning VX121 /components/schemas/My Schema",
    ]);
    const messages = result.diagnostics.map((d) => d.message);
    expect(messages).toContain('/components/schemas/My Schema: name "My Schema" has characters the OpenAPI 3.1 schema does not allow in component names (vx-gen reads past it: the generated code uses a converted name)');
    expect(messages).toContain('/paths/pets: path "pets" does not start with "/"; it would be read as a route that is not one');
    expect(messages).toContain('/paths/~1a/get/requestbody: unexpected property "requestbody": did you mean "requestBody"? (vx-gen reads "requestBody"; "requestbody" would be ignored)');
    expect(messages).toContain('/paths/~1b/get/parameters/1: has both "schema" and "content"; give one');
    expect(messages).toContain('/components/securitySchemes/s1/type: must be one of "apiKey", "http", "mutualTLS", "oauth2", "openIdConnect"');
    expect(messages).toContain('/paths/~1a/get/responses/2xx: status "2xx" is not written as the OpenAPI 3.1 schema wants (vx-gen reads past it: read as "2XX")');
  });

  it("OpenAPI 3.0: the same, the cascade of security-scheme alternatives collapsed to the one the author meant", async () => {
    const result = await readSpecText({ text: departures("openapi: 3.0.3") });
    expect(structural(result.diagnostics)).toEqual([
      "warning VX121 /info/version",
      "error VX103 /paths/pets",
      "error VX103 /paths/~1a/get/requestbody",
      "warning VX121 /paths/~1a/get/summary",
      "warning VX121 /paths/~1a/get/responses/200",
      "warning VX121 /paths/~1a/get/responses/2xx",
      "error VX103 /paths/~1b/get/parameters/0/in",
      "error VX103 /paths/~1b/get/parameters/1",
      "error VX103 /components/securitySchemes/s1/type",
      "warning VX121 /components/securitySchemes/s2/bearerFormat",
    ]);
    const s2 = result.diagnostics.find((d) => d.location?.pointer === "/components/securitySchemes/s2/bearerFormat");
    expect(s2?.message).toBe(
      '/components/securitySchemes/s2/bearerFormat: unexpected property "bearerFormat", not a field the OpenAPI 3.0 schema allows here (vx-gen reads past it: vx-gen does not read it, the generated code does not depend on it)',
    );
    expect(result.diagnostics.find((d) => d.location?.pointer === "/paths/~1b/get/parameters/0/in")?.message).toBe('/paths/~1b/get/parameters/0/in: must be one of "path", "query", "header", "cookie"');
  });

  it("Swagger 2.0: alternatives compiled as separate functions are told apart by evaluation order", async () => {
    const result = await readSpecText({
      text: `swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: q, in: query, type: string, bearerFormat: x}
        - {name: b, in: body, schema: {type: object}, type: string}
      responses:
        "200": {schema: {type: string}}
securityDefinitions:
  k: {type: apiKey, name: k, in: header, bearerFormat: JWT}
`,
    });
    expect(structural(result.diagnostics)).toEqual([
      "warning VX121 /paths/~1a/get/parameters/0/bearerFormat",
      "warning VX121 /paths/~1a/get/parameters/1/type",
      "warning VX121 /paths/~1a/get/responses/200",
      "warning VX121 /securityDefinitions/k/bearerFormat",
    ]);
  });

  it("tictactoe as published: `security` written as a map is refused, naming both readings; bearerFormat is still read past", async () => {
    const file = "fixtures/openapi/bad/tictactoe-upstream.yaml";
    const result = await readOpenApi({ file });
    expect(structural(result.diagnostics)).toEqual([
      "error VX103 /paths/~1board/get/security",
      "error VX103 /paths/~1board~1{row}~1{column}/get/security",
      "error VX103 /paths/~1board~1{row}~1{column}/put/security",
      "warning VX121 /components/securitySchemes/bearerHttpAuthentication/bearerFormat",
    ]);
    expect(result.diagnostics.find((d) => d.location?.pointer === "/paths/~1board/get/security")).toMatchObject({
      message:
        '/paths/~1board/get/security: "security" is a map of schemes, not a list of requirements: vx-gen cannot tell whether it means all of "apiKey", "app2AppOauth" together (one list item holding them all) or any one of them (one list item each)',
      location: { file, line: 31, column: 7 },
    });
  });

  it("a one-scheme `security` map (root or operation, 3.0 or 3.1) is refused with how to write it", async () => {
    for (const version of ["3.0.3", "3.1.0"]) {
      const result = await readSpecText({
        text: `openapi: ${version}\ninfo: {title: t, version: "1"}\nsecurity: {k: []}\npaths:\n  /a:\n    get:\n      security: {k: []}\n      responses:\n        "200": {description: ok}\ncomponents:\n  securitySchemes:\n    k: {type: apiKey, name: k, in: header}\n`,
      });
      expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.message), version).toEqual([
        '/security: "security" is a map, not a list of requirements: write "k" as a list item ("- name: [scopes]")',
        '/paths/~1a/get/security: "security" is a map, not a list of requirements: write "k" as a list item ("- name: [scopes]")',
      ]);
    }
  });

  it("a document whose structure vx-gen cannot generate from stays an error", async () => {
    const result = await readSpecText({
      text: "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: nowhere, type: string}\n    post:\n      summary: no responses\n",
    });
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => d.message)).toEqual([
      '/paths/~1a/get: missing required field "responses"',
      '/paths/~1a/get/parameters/0: missing required field "schema"; missing required field "required"',
      '/paths/~1a/get/parameters/0/in: must be one of "body", "header", "formData", "query", "path"',
      '/paths/~1a/post: missing required field "responses"',
    ]);
  });
});
