import { describe, expect, it } from "vitest";
import { synthesizeOperationId } from "../../../src/parsers/openapi/synthesizeOperationId.js";
import { assignOperationIds } from "../../../src/parsers/openapi/assignOperationIds.js";
import { operation } from "../../../src/ir/factories/api.js";
import type { HttpMethod } from "../../../src/ir/types.js";

describe("synthesizeOperationId", () => {
  const rows: [HttpMethod, string, string][] = [
    ["get", "/pets/{petId}", "getPetsByPetId"],
    ["get", "/", "getRoot"],
    ["post", "/v2/1-clicks/kubernetes", "postV21ClicksKubernetes"],
    ["delete", "/users/{user_id}/keys/{key-id}", "deleteUsersByUserIdKeysByKeyId"],
    ["get", "/files/{name}.{ext}", "getFilesByNameByExt"],
    ["patch", "/a_b/c.d", "patchABCD"],
  ];
  it.each(rows)("%s %s -> %s", (method, path, expected) => {
    expect(synthesizeOperationId({ method, path })).toBe(expected);
  });
});

describe("assignOperationIds", () => {
  it("keeps written ids, suffixes repeats (VX107), synthesises missing ones avoiding taken ids (VX108)", () => {
    const ops = [
      operation({ method: "get", path: "/a", operationId: "same" }),
      operation({ method: "post", path: "/a", operationId: "same" }),
      operation({ method: "get", path: "/pets", operationId: "" }),
      operation({ method: "put", path: "/pets", operationId: "getPets" }),
    ];
    const diagnostics = assignOperationIds({ operations: ops, pathForId: (o) => o.path });
    expect(ops.map((o) => [o.operationId, o.operationIdSynthesized])).toEqual([
      ["same", false],
      ["same_2", false],
      ["getPets_2", true],
      ["getPets", false],
    ]);
    expect(diagnostics.map((d) => [d.code, d.location?.pointer])).toEqual([
      ["VX107", "/paths/~1a/post/operationId"],
      ["VX108", "/paths/~1pets/get"],
    ]);
  });

  it("gives the same result whatever the order of unrelated operations", () => {
    const make = () => [operation({ method: "get", path: "/x", operationId: "" }), operation({ method: "get", path: "/y", operationId: "" })];
    const a = make();
    const b = make().reverse();
    assignOperationIds({ operations: a, pathForId: (o) => o.path });
    assignOperationIds({ operations: b, pathForId: (o) => o.path });
    expect(a.map((o) => o.operationId).sort()).toEqual(b.map((o) => o.operationId).sort());
  });
});
