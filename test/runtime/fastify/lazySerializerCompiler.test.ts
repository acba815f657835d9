import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { lazySerializerCompiler } from "../../../runtime/fastify/src/generated/fastify/lazySerializerCompiler.js";

// runtime/fastify/fastify/lazySerializerCompiler.ts: response serializers compiled on a route's first answer.

const shared = {
  $id: "vx-response.json",
  $defs: { Pet: { type: "object", properties: { id: { type: "integer" }, name: { type: "string" } }, required: ["id"] } },
};
const petRef = { $ref: "vx-response.json#/$defs/Pet" };

describe("lazySerializerCompiler", () => {
  it("serializes by the route's schema and the shared one it refers to: only documented fields go out", () => {
    const compile = lazySerializerCompiler({ shared });
    const serialize = compile({ schema: petRef, method: "GET", url: "/pets/:id", httpStatus: "200" });
    expect(serialize({ id: 1, name: "Rex", secret: "never sent" })).toBe('{"id":1,"name":"Rex"}');
    expect(serialize({ id: 2 })).toBe('{"id":2}');
  });

  it("compiles nothing until the first answer: a schema that cannot compile fails there, not at start-up", () => {
    const compile = lazySerializerCompiler({ shared });
    const serialize = compile({ schema: { $ref: "vx-response.json#/$defs/Missing" }, method: "GET", url: "/x", httpStatus: "200" });
    expect(() => serialize({})).toThrow(/Missing/);
  });

  it("in a Fastify server: ready() compiles no serializer, each route's answers are serialized by its schema", async () => {
    const app = Fastify();
    app.addSchema(shared);
    app.setSerializerCompiler(lazySerializerCompiler({ shared }));
    app.get("/pets/:id", { schema: { response: { 200: petRef } } }, async () => ({ id: 7, name: "Rex", internal: "x" }));
    app.get("/list", { schema: { response: { 200: { type: "array", items: petRef } } } }, async () => [{ id: 1, owner: "y" }]);
    // Fastify's own compiler stops ready() on this schema; compiled lazily, only its answers fail.
    app.get("/broken", { schema: { response: { 200: { $ref: "vx-response.json#/$defs/Missing" } } } }, async () => ({}));
    await app.ready();
    expect((await app.inject({ url: "/pets/7" })).body).toBe('{"id":7,"name":"Rex"}');
    expect((await app.inject({ url: "/list" })).body).toBe('[{"id":1}]');
    expect((await app.inject({ url: "/broken" })).statusCode).toBe(500);
    await app.close();
  });

  it("Fastify's default compiler compiles at ready() (what the lazy one avoids)", async () => {
    const app = Fastify();
    app.addSchema(shared);
    app.get("/broken", { schema: { response: { 200: { $ref: "vx-response.json#/$defs/Missing" } } } }, async () => ({}));
    await expect(app.ready()).rejects.toThrow(/Missing/);
  });
});
