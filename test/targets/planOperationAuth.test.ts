import { describe, expect, it } from "vitest";
import { operation, openApiSource } from "../../src/ir/factories/api.js";
import type { SecurityRequirement } from "../../src/ir/types.js";
import { planOperationAuth } from "../../generators/shared/planOperationAuth.js";

// Who an operation lets in, as its `<Operation>Auth` type (the handler's `context.auth`) prints it.

const schemeNames = new Set(["bearerAuth", "apiKey", "__proto__"]);
const alternative = (...names: string[]): SecurityRequirement => ({ schemes: names.map((name) => ({ name, scopes: [] })) });
const plan = (security: SecurityRequirement[], roles?: string[]) =>
  planOperationAuth({ op: operation({ security, ...(roles ? { roles: { kind: "roles", roles, source: openApiSource() } } : {}) }), schemeNames });

describe("planOperationAuth", () => {
  it("is open without security, or with only the anonymous alternative", () => {
    expect(plan([])).toEqual({ kind: "open" });
    expect(plan([alternative()])).toEqual({ kind: "open" });
  });

  it("lists each alternative (OR), the schemes of one together (AND), and an optional one as empty", () => {
    expect(plan([alternative("bearerAuth"), alternative("apiKey")])).toEqual({ kind: "principals", schemes: ["bearerAuth", "apiKey"], alternatives: [["bearerAuth"], ["apiKey"]] });
    expect(plan([alternative("bearerAuth", "apiKey")])).toEqual({ kind: "principals", schemes: ["bearerAuth", "apiKey"], alternatives: [["bearerAuth", "apiKey"]] });
    expect(plan([alternative("bearerAuth"), alternative()])).toEqual({ kind: "principals", schemes: ["bearerAuth"], alternatives: [["bearerAuth"], []] });
  });

  it("drops the anonymous alternative next to roles, as the route does", () => {
    expect(plan([alternative("bearerAuth"), alternative()], ["admin"])).toEqual({ kind: "principals", schemes: ["bearerAuth"], alternatives: [["bearerAuth"]] });
  });

  it("keeps one of alternatives naming the same schemes (scopes apart), and a scheme named __proto__ like any other", () => {
    const scoped = (scope: string): SecurityRequirement => ({ schemes: [{ name: "__proto__", scopes: [scope] }] });
    expect(plan([scoped("read"), scoped("write")])).toEqual({ kind: "principals", schemes: ["__proto__"], alternatives: [["__proto__"]] });
  });

  it("leaves out an alternative naming a scheme the spec does not define (it never passes), and is none if all do", () => {
    expect(plan([alternative("valueOf"), alternative("apiKey")])).toEqual({ kind: "principals", schemes: ["apiKey"], alternatives: [["apiKey"]] });
    expect(plan([alternative("valueOf")])).toEqual({ kind: "none" });
  });
});
