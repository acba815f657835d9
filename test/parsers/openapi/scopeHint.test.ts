import { describe, expect, it } from "vitest";
import { mustApi, operationWithId, readSpecText } from "./helpers.js";

// x-vx-scope on an operation: `{ relation, callerIn? }` read with its source; any other shape is VX332 at it.
function spec(scope: string): string {
  return `openapi: 3.1.0
info: { title: t, version: "1" }
paths:
  /articles/mine:
    get:
      operationId: mine
      x-vx-scope: ${scope}
      responses: { "200": { description: ok } }
`;
}

describe("x-vx-scope", () => {
  it("is read with its source", async () => {
    const result = await readSpecText({ text: spec("{ relation: author, callerIn: followers }") });
    expect(operationWithId(mustApi(result), "mine").scopeHint).toMatchObject({ relation: "author", callerIn: "followers", source: { pointer: "/paths/~1articles~1mine/get/x-vx-scope" } });
    expect(operationWithId(mustApi(await readSpecText({ text: spec("{ relation: favoritedBy }") })), "mine").scopeHint).toMatchObject({ relation: "favoritedBy" });
  });

  it.each(["author", "{ relation: 3 }", "{ relation: author, other: x }", '{ relation: "a b" }', "{ callerIn: followers }"])("refuses %s (VX332)", async (scope) => {
    const result = await readSpecText({ text: spec(scope) });
    expect(result.diagnostics.filter((d) => d.code === "VX332").map((d) => d.location?.pointer)).toEqual(["/paths/~1articles~1mine/get/x-vx-scope"]);
    expect(operationWithId(mustApi(result), "mine").scopeHint).toBeUndefined();
  });
});
