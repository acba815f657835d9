import { describe, expect, it } from "vitest";
import { apiModel, server } from "../../src/ir/factories/api.js";
import { fastifyPath } from "../../generators/fastify/fastifyPath.js";
import { basePathOf } from "../../generators/shared/renderBackendCore.js";

describe("fastifyPath", () => {
  it("turns path templates into router URLs", () => {
    expect(fastifyPath("/authors/{authorId}/books")).toEqual({ url: "/authors/:authorId/books", keys: new Map() });
    expect(fastifyPath("/v1/{name}:cancel").url).toBe("/v1/:name::cancel");
  });

  it("gives parameters that are not identifiers router keys, and says which", () => {
    const { url, keys } = fastifyPath("/files/{file-id}/{x.y}");
    expect(url).toBe("/files/:p0/:p1");
    expect([...keys]).toEqual([
      ["file-id", "p0"],
      ["x.y", "p1"],
    ]);
  });
});

describe("basePathOf", () => {
  it("mounts routes under the path of the first server URL", () => {
    expect(basePathOf(apiModel({ servers: [server({ url: "https://api.example.com/api/v1/" })] }))).toBe("/api/v1");
    expect(basePathOf(apiModel({ servers: [server({ url: "/v2" })] }))).toBe("/v2");
    expect(basePathOf(apiModel({ servers: [server({ url: "https://{host}/{base}", variables: [{ name: "host", default: "x.io" }, { name: "base", default: "v3" }] })] }))).toBe("/v3");
    expect(basePathOf(apiModel({ servers: [server({ url: "https://example.com" })] }))).toBe("");
    expect(basePathOf(apiModel({ servers: [] }))).toBe("");
  });

  it("keeps a malformed percent escape as written (no VX500)", () => {
    expect(basePathOf(apiModel({ servers: [server({ url: "https://example.com/a%E0%A4%A" })] }))).toBe("/a%E0%A4%A");
  });
});

describe("router keys", () => {
  it("never are names plain objects inherit (the router's params object is a plain one)", () => {
    const { url, keys } = fastifyPath("/a/{__proto__}/{constructor}/{toString}/{id}");
    expect(url).toBe("/a/:p0/:p1/:p2/:id");
    expect([...keys]).toEqual([
      ["__proto__", "p0"],
      ["constructor", "p1"],
      ["toString", "p2"],
    ]);
  });
});
