import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { derivedDocument } from "../../src/derive/derivedDocument.js";
import { readPrisma } from "../../src/parsers/prisma/readPrisma.js";
import { prepareProject, runGeneratedTests, typecheck, type GeneratedProject } from "./helpers/generatedProject.js";
import { runCommand, toolkitBin } from "./helpers/runCommand.js";
import { freePort, startServer, type RunningServer } from "./helpers/startServer.js";

/**
 * Compound keys, derived and served: a join model with `@@id([userId, groupId])` and a model whose only key is
 * `@@unique([region, day])` get get/replace/update/delete at `/memberships/{userId}/{groupId}` and
 * `/daily-figures/{region}/{day}`, bound (no scaffold answering 501) through Prisma's compound where. The project is
 * generated from the derived document (with the config's `derive` settings: Decimal as a JSON number, routes under
 * `/api`, cursor paging), type-checked, built, and driven over HTTP on SQLite.
 */
const prisma = "fixtures/derive-compound/schema.prisma";

describe("compound keys, derived from the Prisma schema and served", () => {
  let project: GeneratedProject;
  let server: RunningServer;
  beforeAll(async () => {
    const read = await readPrisma({ path: prisma });
    if (!read.db) throw new Error("the fixture's schema did not read");
    const openapi = join(process.cwd(), "test", ".out", "compound-keys.openapi.yaml");
    await mkdir(join(process.cwd(), "test", ".out"), { recursive: true });
    // With the config's derive settings: DailyFigure.total is a JSON number in the API (a Decimal in the database), the
    // routes are under /api, lists of models with a single id page by cursor.
    await writeFile(openapi, derivedDocument({ db: read.db, options: { decimal: "number", basePath: "/api", pagination: "cursor" } }).text);
    project = await prepareProject({ name: "compound-keys", openapi, prisma });
    const tsc = toolkitBin("tsc");
    const build = await runCommand({ ...tsc, args: [...tsc.args, "-p", "tsconfig.build.json"], cwd: project.dir });
    expect(build.stdout + build.stderr).toBe("");
    const copy = await runCommand({ command: process.execPath, args: ["scripts/copy-json.mjs"], cwd: project.dir });
    expect(copy.code).toBe(0);
    const env = { DATABASE_URL: "file:./compound.db" };
    await rm(join(project.dir, "compound.db"), { force: true });
    const push = await runCommand({ command: process.execPath, args: ["dist/generated/db/dbPush.js"], cwd: project.dir, env });
    expect(push.code, push.stdout + push.stderr).toBe(0);
    server = await startServer({ dir: project.dir, port: await freePort(), env });
  }, 300_000);
  afterAll(async () => {
    if (server) expect(await server.stop(), server.output()).toBe(0);
  });

  const call = async ({ method, path, body }: { method: string; path: string; body?: unknown }) => {
    const response = await fetch(`${server.url}/api${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as Record<string, unknown>) };
  };

  it("binds every operation of the compound keys (none is left to a scaffold)", () => {
    const operations = project.ir.api?.operations ?? [];
    for (const id of ["getMembership", "updateMembership", "replaceMembership", "deleteMembership", "getDailyFigure", "updateDailyFigure", "replaceDailyFigure", "deleteDailyFigure"]) {
      const op = operations.find((o) => o.operationId === id);
      expect(op?.binding, id).toMatchObject({ kind: "bound", action: expect.stringMatching(/^(get|update|replace|delete)$/) as unknown });
      expect(op?.binding.kind === "bound" ? op.binding.compoundKey?.map((k) => k.field) : undefined, id).toEqual(id.endsWith("Membership") ? ["userId", "groupId"] : ["region", "day"]);
    }
    expect(project.files.filter((f) => f.path.startsWith("src/handlers/")).map((f) => f.path)).toEqual([]);
    const repository = project.files.find((f) => f.path === "src/generated/repositories/membership.repository.ts")?.content ?? "";
    expect(repository).toContain("findUnique({ where: { userId_groupId: key } })");
  });

  it("type-checks, tests included", async () => {
    const checked = await typecheck({ dir: project.dir });
    expect(checked.stdout + checked.stderr).toBe("");
  }, 120_000);

  it("gets, updates, replaces and deletes a membership by its (userId, groupId); 404 for a pair that is not there", async () => {
    const ann = await call({ method: "POST", path: "/users", body: { email: "ann@example.com" } });
    const bob = await call({ method: "POST", path: "/users", body: { email: "bob@example.com" } });
    const group = await call({ method: "POST", path: "/groups", body: { name: "readers" } });
    expect([ann.status, bob.status, group.status]).toEqual([201, 201, 201]);
    const annId = Number(ann.body?.id);
    const bobId = Number(bob.body?.id);
    const groupId = Number(group.body?.id);
    const created = await call({ method: "POST", path: "/memberships", body: { userId: annId, groupId } });
    expect(created).toMatchObject({ status: 201, body: { userId: annId, groupId, role: "MEMBER" } });
    await call({ method: "POST", path: "/memberships", body: { userId: bobId, groupId, note: "bob's" } });

    expect(await call({ method: "GET", path: `/memberships/${annId}/${groupId}` })).toMatchObject({ status: 200, body: { userId: annId, groupId, role: "MEMBER", note: null } });
    expect(await call({ method: "GET", path: `/memberships/${bobId}/${groupId}` })).toMatchObject({ status: 200, body: { userId: bobId, note: "bob's" } });
    expect(await call({ method: "PATCH", path: `/memberships/${annId}/${groupId}`, body: { role: "ADMIN" } })).toMatchObject({ status: 200, body: { userId: annId, role: "ADMIN" } });
    expect(await call({ method: "GET", path: `/memberships/${annId}/${groupId}` })).toMatchObject({ body: { role: "ADMIN" } });
    expect(await call({ method: "PUT", path: `/memberships/${annId}/${groupId}`, body: { role: "ADMIN", note: "replaced" } })).toMatchObject({ status: 200, body: { userId: annId, groupId, note: "replaced" } });
    // The key selects the record and is never changed by a body: neither an update nor a replace takes its columns.
    expect((await call({ method: "PATCH", path: `/memberships/${annId}/${groupId}`, body: { userId: bobId } })).status).toBe(400);
    expect((await call({ method: "PUT", path: `/memberships/${annId}/${groupId}`, body: { userId: bobId, groupId, note: "moved" } })).status).toBe(400);
    expect(await call({ method: "GET", path: `/memberships/${annId}/${groupId}` })).toMatchObject({ status: 200, body: { note: "replaced" } });

    const missing = await call({ method: "GET", path: `/memberships/${annId}/${groupId + 1000}` });
    expect(missing).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect((await call({ method: "PATCH", path: `/memberships/${groupId + 1000}/${groupId}`, body: { role: "ADMIN" } })).status).toBe(404);
    expect((await call({ method: "GET", path: `/memberships/${annId}/not-a-number` })).status).toBe(400);

    expect((await call({ method: "DELETE", path: `/memberships/${annId}/${groupId}` })).status).toBe(204);
    expect((await call({ method: "GET", path: `/memberships/${annId}/${groupId}` })).status).toBe(404);
    expect((await call({ method: "DELETE", path: `/memberships/${annId}/${groupId}` })).status).toBe(404);
    // The other member of the group is untouched: the where held both columns.
    expect((await call({ method: "GET", path: `/memberships/${bobId}/${groupId}` })).status).toBe(200);
  });

  it("pages users by cursor (derive.pagination: cursor): nextCursor is the last id, the next page starts after it", async () => {
    for (const name of ["c1", "c2", "c3"]) expect((await call({ method: "POST", path: "/users", body: { email: `${name}@example.com` } })).status).toBe(201);
    const all = (await call({ method: "GET", path: "/users?limit=100" })).body as { items: { id: number }[]; nextCursor: number | null };
    const ids = all.items.map((u) => u.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const first = (await call({ method: "GET", path: "/users?limit=2" })).body as typeof all;
    expect(first.items.map((u) => u.id)).toEqual(ids.slice(0, 2));
    expect(first.nextCursor).toBe(ids[1]);
    const second = (await call({ method: "GET", path: `/users?limit=2&cursor=${String(first.nextCursor)}` })).body as typeof all;
    expect(second.items.map((u) => u.id)).toEqual(ids.slice(2, 4));
    expect(first).not.toHaveProperty("offset");
    // A model without a single-field id still pages by offset.
    expect((await call({ method: "GET", path: "/memberships?offset=0&limit=5" })).body).toMatchObject({ offset: 0, limit: 5 });
  });

  it("serves a model whose only key is a compound @@unique by its (region, day)", async () => {
    expect((await call({ method: "POST", path: "/daily-figures", body: { region: "north", day: "2026-01-01", value: 3 } })).status).toBe(201);
    expect((await call({ method: "POST", path: "/daily-figures", body: { region: "north", day: "2026-01-02", value: 4 } })).status).toBe(201);
    expect(await call({ method: "GET", path: "/daily-figures/north/2026-01-02" })).toMatchObject({ status: 200, body: { value: 4, total: 0 } });
    // A Decimal derived as a number: written from a JSON number, answered as one (not a string).
    expect(await call({ method: "PATCH", path: "/daily-figures/north/2026-01-02", body: { total: 12.25 } })).toMatchObject({ status: 200, body: { total: 12.25 } });
    expect((await call({ method: "GET", path: "/daily-figures/north/2026-01-02" })).body?.total).toBe(12.25);
    expect((await call({ method: "PATCH", path: "/daily-figures/north/2026-01-02", body: { total: "12.25" } })).status).toBe(400);
    expect(await call({ method: "PATCH", path: "/daily-figures/north/2026-01-01", body: { value: 30 } })).toMatchObject({ status: 200, body: { day: "2026-01-01", value: 30 } });
    expect(await call({ method: "GET", path: "/daily-figures/north/2026-01-02" })).toMatchObject({ body: { value: 4, total: 12.25 } });
    expect((await call({ method: "GET", path: "/daily-figures/south/2026-01-01" })).status).toBe(404);
    expect((await call({ method: "DELETE", path: "/daily-figures/north/2026-01-01" })).status).toBe(204);
    expect((await call({ method: "GET", path: "/daily-figures/north/2026-01-01" })).status).toBe(404);
  });

  it("passes its own generated tests", async () => {
    const result = await runGeneratedTests({ dir: project.dir });
    expect(result.failed, result.stdout.slice(-4000) + result.stderr.slice(-4000)).toBe(0);
    expect(result.passed).toBeGreaterThan(0);
  }, 300_000);
});
