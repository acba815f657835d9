import { describe, expect, it } from "vitest";
import { planHttpTests } from "../../generators/shared/planHttpTests.js";
import { mediaContent, operation, requestBody, response, stringSchema } from "../../src/ir/factories/api.js";

describe("planHttpTests: the operations the generated HTTP tests send to", () => {
  it("picks unambiguous URLs, a method the path lacks (never HEAD) and the methods it has", () => {
    const plan = planHttpTests({
      operations: [
        operation({ method: "get", path: "/things/{id}", responses: [response({ schema: stringSchema() })] }),
        operation({ method: "delete", path: "/things/{id}" }),
        operation({ method: "head", path: "/things/{id}" }),
        operation({ method: "post", path: "/things", requestBody: requestBody({ schema: stringSchema() }) }),
      ],
      basePath: "/v1",
    });
    expect(plan.basePath).toBe('"/v1"');
    expect(plan.unknownUrl).toBe(`"${"/vx-no-route".repeat(4)}"`);
    expect(plan.methodNotAllowed).toEqual({ method: '"OPTIONS"', url: '"/things/1"', allowed: '"DELETE, GET, HEAD"' });
    // /things/1 documents HEAD: no GET-only URL is left.
    expect(plan.headNotAllowed).toBeUndefined();
    expect(plan.jsonBody).toEqual({ method: '"POST"', url: '"/things"' });
    expect(plan.jsonResponse).toEqual({ method: '"GET"', url: '"/things/1"' });
    expect(plan.pathParameter).toEqual({ method: '"GET"', before: '"/things/"', after: undefined });
  });

  it("picks a GET-only URL for HEAD, with the methods its path has", () => {
    const plan = planHttpTests({
      operations: [operation({ method: "post", path: "/things" }), operation({ method: "get", path: "/things" }), operation({ method: "get", path: "/other" })],
      basePath: "",
    });
    expect(plan.headNotAllowed).toEqual({ url: '"/things"', allowed: '"GET, POST"' });
  });

  it("sends the body and Accept cases to no operation the test caller is refused (x-vx-roles, x-vx-ip-allow)", () => {
    const source = operation().source;
    const plan = planHttpTests({
      operations: [
        operation({ method: "get", path: "/admin", roles: { kind: "roles", roles: ["admin"], source }, responses: [response({ schema: stringSchema() })] }),
        operation({ method: "post", path: "/internal", ipAllow: { kind: "ipAllow", ranges: ["10.0.0.0/8"], source }, requestBody: requestBody({ schema: stringSchema() }) }),
        operation({ method: "get", path: "/open", responses: [response({ schema: stringSchema() })] }),
        operation({ method: "post", path: "/open", requestBody: requestBody({ schema: stringSchema() }) }),
      ],
      basePath: "",
    });
    expect(plan.jsonResponse).toEqual({ method: '"GET"', url: '"/open"' });
    expect(plan.jsonBody).toEqual({ method: '"POST"', url: '"/open"' });
  });

  it("leaves a case out when no operation fits it", () => {
    const plan = planHttpTests({
      operations: [
        operation({
          method: "put",
          path: "/files/{name}.{ext}",
          requestBody: requestBody({ content: [mediaContent({ mediaType: "application/octet-stream" })] }),
          responses: [response({ content: [mediaContent({ mediaType: "image/png" })] })],
        }),
        operation({ method: "get", path: "/odd path/x" }),
      ],
      basePath: "",
    });
    expect(plan.methodNotAllowed).toBeUndefined();
    expect(plan.headNotAllowed).toBeUndefined();
    expect(plan.jsonBody).toBeUndefined();
    expect(plan.jsonResponse).toBeUndefined();
    expect(plan.pathParameter).toBeUndefined();
  });

  it("prints spec strings as string literals and skips URLs another path template also matches", () => {
    const json = [response({ schema: stringSchema() })];
    const plan = planHttpTests({
      operations: [
        operation({ method: "get", path: "/a/{x}", responses: json }),
        operation({ method: "get", path: "/{y}/1", responses: json }),
        operation({ method: "get", path: '/q-"x"', responses: json }),
      ],
      basePath: '/"quoted"',
    });
    expect(plan.basePath).toBe('"/\\"quoted\\""');
    expect(plan.jsonResponse).toEqual({ method: '"GET"', url: '"/1/1"' });
    expect(plan.pathParameter).toEqual({ method: '"GET"', before: '"/"', after: '"/1"' });
  });
});
