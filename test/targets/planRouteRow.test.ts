import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expressPath } from "../../generators/express/expressPath.js";
import { fastifyPath } from "../../generators/fastify/fastifyPath.js";
import { buildValidationSchemas } from "../../generators/shared/buildValidationSchemas.js";
import { operationView } from "../../generators/shared/operationView.js";
import { apiKeyLocations, planRouteRow } from "../../generators/shared/planRouteRow.js";
import { buildIr } from "../../src/pipeline/buildIr.js";

async function bookstore({ prisma = false }: { prisma?: boolean } = {}) {
  const { ir, names } = await buildIr({
    openapi: join(process.cwd(), "fixtures/bookstore/openapi.yaml"),
    ...(prisma ? { prisma: join(process.cwd(), "fixtures/bookstore/schema.prisma") } : {}),
  });
  const api = ir.api;
  if (!api) throw new Error("the bookstore has no API");
  const views = api.operations.map((op) => operationView({ op, names }));
  return { api, views, schemas: buildValidationSchemas({ api, views, forcedReadOnly: new Set() }) };
}

describe("planRouteRow: what a route row says, the same for every target but its path syntax", () => {
  it("states an operation's route as data, leaving out what it does not have", async () => {
    const { api, views, schemas } = await bookstore();
    const view = views.find((v) => v.op.operationId === "createMember");
    if (view === undefined) throw new Error("no createMember");
    const schemeNames = new Set(api.securitySchemes.map((s) => s.name));
    const row = planRouteRow({ view, schemeNames, apiKeys: new Map(), validators: ["createMemberBody"], schemas: schemas.operations.createMember, routePath: fastifyPath });
    expect(row).toMatchObject({ operationId: "createMember", method: "POST", url: "/members", handler: view.names.handler, validators: ["createMemberBody"], body: true, optionalBody: false, pathKeys: [] });
    expect(row.security).toEqual([[{ scheme: "bearerAuth", scopes: [] }]]);
    expect(row.unknownScheme).toBe(false);
    expect(row.parameters).toBeUndefined();
    expect(row.consumes).toEqual(["application/json"]);
    expect(row.response).toBeDefined();
  });

  it("writes the URL and router keys in the target's syntax", async () => {
    const { views, schemas } = await bookstore();
    const view = views.find((v) => v.op.operationId === "getBook");
    if (view === undefined) throw new Error("no getBook");
    const plan = (routePath: typeof fastifyPath) => planRouteRow({ view, schemeNames: new Set(), apiKeys: new Map(), validators: [], schemas: schemas.operations.getBook, routePath });
    const [fastify, express] = [plan(fastifyPath), plan(expressPath)];
    expect(fastify.url).toBe("/books/:bookId");
    expect(express.url).toBe("/books/:bookId");
    expect({ ...fastify, url: "", pathKeys: [] }).toEqual({ ...express, url: "", pathKeys: [] });
    expect(fastify.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: "bookId", in: "path" })]));
  });

  it("carries x-vx-roles and x-vx-ip-allow; an operation with roles drops anonymous alternatives", async () => {
    const { views, schemas } = await bookstore();
    const view = views.find((v) => v.op.operationId === "createMember");
    if (view === undefined) throw new Error("no createMember");
    const source = view.op.source;
    const plan = (op: typeof view.op) =>
      planRouteRow({ view: { ...view, op }, schemeNames: new Set(["bearerAuth"]), apiKeys: new Map(), validators: [], schemas: schemas.operations.createMember, routePath: fastifyPath });
    const optional = { ...view.op, security: [{ schemes: [] }, { schemes: [{ name: "bearerAuth", scopes: ["write"] }] }] };
    expect(plan(view.op)).toMatchObject({ roles: undefined, ipAllow: undefined });
    expect(plan(optional).security).toEqual([[], [{ scheme: "bearerAuth", scopes: ["write"] }]]);
    const guarded = plan({ ...optional, roles: { kind: "roles", roles: ["admin", "__proto__"], source }, ipAllow: { kind: "ipAllow", ranges: ["10.0.0.0/8"], source } });
    expect(guarded.security).toEqual([[{ scheme: "bearerAuth", scopes: ["write"] }]]);
    expect(guarded.roles).toEqual(["admin", "__proto__"]);
    expect(guarded.ipAllow).toEqual(["10.0.0.0/8"]);
    // Roles without any authenticating alternative: no security left, and the runtime denies every caller (401).
    expect(plan({ ...view.op, security: [{ schemes: [] }], roles: { kind: "roles", roles: ["admin"], source } }).security).toEqual([]);
  });

  it("carries x-vx-rate-limit (with the API key locations of key apiKey) and the credential routes' default", async () => {
    const { api, views, schemas } = await bookstore({ prisma: true });
    const byId = (id: string) => {
      const found = views.find((v) => v.op.operationId === id);
      if (found === undefined) throw new Error(`no ${id}`);
      return found;
    };
    const view = byId("createMember");
    const source = view.op.source;
    const apiKeys = apiKeyLocations([
      ...api.securitySchemes,
      { kind: "apiKey", name: "partnerKey", paramName: "X-Partner-Key", in: "header", source },
    ]);
    const plan = (op: typeof view.op) =>
      planRouteRow({ view: { ...view, op }, schemeNames: new Set(), apiKeys, validators: [], schemas: undefined, routePath: fastifyPath });
    expect(plan(view.op).rateLimit).toBeUndefined();
    const limited = { ...view.op, rateLimit: { kind: "rateLimit", max: 5, windowMs: 60_000, key: "principal", source } as const };
    expect(plan(limited).rateLimit).toEqual({ max: 5, windowMs: 60_000, key: "principal" });
    const keyed = {
      ...view.op,
      security: [{ schemes: [{ name: "bearerAuth", scopes: [] }] }, { schemes: [{ name: "partnerKey", scopes: [] }] }],
      rateLimit: { kind: "rateLimit", max: 100, windowMs: 1_000, key: "apiKey", source } as const,
    };
    expect(plan(keyed).rateLimit).toEqual({ max: 100, windowMs: 1_000, key: "apiKey", apiKeys: [{ in: "header", name: "X-Partner-Key" }] });
    // The accounts routes taking credentials get the stricter default; the others (me, logout) the global limit.
    const accounts = views.filter((v) => v.op.binding.kind === "accounts");
    const rows = Object.fromEntries(
      accounts.map((v) => [v.op.binding.kind === "accounts" ? v.op.binding.action : "", planRouteRow({ view: v, schemeNames: new Set(), apiKeys, validators: [], schemas: schemas.operations[v.op.operationId], routePath: fastifyPath }).rateLimit]),
    );
    expect(rows).toMatchObject({ login: "credentials", loginMfa: "credentials", register: "credentials", refresh: "credentials", totpConfirm: "credentials", me: undefined, logout: undefined });
  });
});
