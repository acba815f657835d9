import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProject, prepareProject, type GeneratedProject } from "./helpers/generatedProject.js";
import { runCommand } from "./helpers/runCommand.js";
import { startServer, type RunningServer } from "./helpers/startServer.js";

/**
 * API keys kept in the database (issue 14), on every target: the widget-keys fixture (an API key scheme in a header,
 * scopes per operation, a role, widgets owned by the key's owner, accounts whose admins manage keys) generated, built
 * and started as `node dist/server.js` on SQLite (and on PostgreSQL, Fastify, when VX_TEST_PG_URL names a server).
 * Keys are made by the project's CLI (`dist/generated/auth/apiKeysCli.js`, what `npm run api-keys` runs) and by the
 * admins' routes, then used: valid 2xx, wrong 401, revoked 401, expired 401, without the scope or role 403, and the
 * admin routes 401/403 for others. Only each key's digest is in the table.
 */

const pgServer = process.env.VX_TEST_PG_URL;
if (pgServer === undefined) console.log("[api keys postgres] skipped: set VX_TEST_PG_URL to run API keys against PostgreSQL");

interface Setup {
  target: string;
  database: "sqlite" | "postgresql";
  offset: number;
}

const setups: Setup[] = [
  { target: "fastify", database: "sqlite", offset: 3 },
  { target: "express", database: "sqlite", offset: 13 },
  ...(pgServer === undefined ? [] : [{ target: "fastify", database: "postgresql" as const, offset: 5 }]),
];

const keyPattern = /vxk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/;

interface KeyRow {
  id: string;
  lastUsedAt: unknown;
  prefix: string;
  hash: string;
  name: string;
  ownerId: string | null;
  scopes: string;
  roles: string;
}

// CLI runs start a process each (a Prisma client): slow on a busy machine.
describe.each(setups)("API keys in the database ($target, $database)", { timeout: 120_000 }, ({ target, database, offset }) => {
  let project: GeneratedProject;
  let server: RunningServer;
  let env: Record<string, string> = {};
  let api = "";
  let rows: () => Promise<KeyRow[]>;
  let close = async () => {};
  const schema = `vx_keys_${process.pid}`;

  beforeAll(async () => {
    if (database === "sqlite") {
      project = await prepareProject({ name: `apikeys-${target}`, openapi: "fixtures/apikeys/openapi.yaml", prisma: "fixtures/apikeys/schema.prisma", target });
      env = await buildProject({ dir: project.dir, databaseFile: "keys.db" });
      rows = async () => {
        const db = new Database(join(project.dir, "keys.db"));
        try {
          return db.prepare("SELECT * FROM VxApiKey").all() as KeyRow[];
        } finally {
          db.close();
        }
      };
    } else {
      const input = join(process.cwd(), "test", ".out", "apikeys-postgres-input");
      await mkdir(input, { recursive: true });
      const prisma = join(input, "apikeys.prisma");
      await writeFile(prisma, (await readFile("fixtures/apikeys/schema.prisma", "utf8")).replace('provider = "sqlite"', 'provider = "postgresql"'));
      project = await prepareProject({ name: `apikeys-${target}-postgres`, openapi: "fixtures/apikeys/openapi.yaml", prisma, target });
      await buildProject({ dir: project.dir });
      const url = new URL(pgServer ?? "");
      url.searchParams.set("schema", schema);
      const client = new pg.Client({ connectionString: pgServer });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      env = { DATABASE_URL: url.toString() };
      const push = await runCommand({ command: process.execPath, args: ["dist/generated/db/dbPush.js"], cwd: project.dir, env });
      if (push.code !== 0) throw new Error(`db push failed:\n${push.stdout}${push.stderr}`);
      rows = async () => (await client.query(`SELECT * FROM "${schema}"."VxApiKey"`)).rows as KeyRow[];
      close = async () => {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      };
    }
    server = await startServer({ dir: project.dir, port: 46_000 + (process.pid % 1000) * 20 + offset, env: { ...env, RATE_LIMIT_AUTH_MAX: "100" } });
    api = `${server.url}/api`;
  }, 400_000);

  afterAll(async () => {
    expect(await server?.stop(), server?.output()).toBe(0);
    await close();
  });

  /** The project's CLI, as `npm run api-keys -- ...` runs it after its build. */
  const cli = (...args: string[]) => runCommand({ command: process.execPath, args: ["dist/generated/auth/apiKeysCli.js", ...args], cwd: project.dir, env });
  const created = async (...args: string[]): Promise<string> => {
    const result = await cli("create", ...args);
    expect(result.code, result.stderr).toBe(0);
    const key = keyPattern.exec(result.stdout)?.[0];
    expect(key).toBeDefined();
    return key ?? "";
  };
  const call = (path: string, { key, method = "GET", body, token }: { key?: string; method?: string; body?: unknown; token?: string } = {}) =>
    fetch(`${api}${path}`, {
      method,
      headers: {
        ...(key === undefined ? {} : { "x-api-key": key }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it("creates a key with the CLI, printed once and stored as its digest, that works with its scopes and its owner", async () => {
    const key = await created("--name", "cli key", "--scopes", "widgets:read,widgets:write", "--owner", "owner-1");
    const row = (await rows()).find((r) => key.startsWith(`vxk_${r.prefix}_`));
    expect(row).toMatchObject({ name: "cli key", ownerId: "owner-1", scopes: "widgets:read widgets:write", roles: "" });
    expect(JSON.stringify(await rows())).not.toContain(key.slice(18));
    const made = await call("/widgets", { key, method: "POST", body: { name: "first" } });
    expect(made.status).toBe(201);
    expect(await made.json()).toMatchObject({ name: "first", ownerId: "owner-1" });
    // Another owner's widget is not listed.
    const other = await created("--name", "other owner", "--scopes", "widgets:read,widgets:write", "--owner", "owner-2");
    expect((await call("/widgets", { key: other, method: "POST", body: { name: "theirs" } })).status).toBe(201);
    const listed = await call("/widgets", { key });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { items: { name: string }[] }).items.map((w) => w.name)).toEqual(["first"]);
    const listing = await cli("list", "--json");
    expect(listing.code).toBe(0);
    expect(listing.stdout).not.toContain(row?.hash ?? "?");
  });

  it("refuses a wrong key (401), a key without the scope or the role (403), and lets a key with the role in", async () => {
    const key = await created("--name", "reader", "--scopes", "widgets:read", "--owner", "owner-1");
    const wrongSecret = `${key.slice(0, 18)}${key.at(18) === "A" ? "B" : "A"}${key.slice(19)}`;
    for (const presented of [wrongSecret, "vxk_000000000000_" + key.slice(18), "not-a-key"]) expect((await call("/widgets", { key: presented })).status).toBe(401);
    expect((await call("/widgets")).status).toBe(401);
    expect((await call("/widgets", { key })).status).toBe(200);
    expect((await call("/widgets", { key, method: "POST", body: { name: "no" } })).status).toBe(403);
    expect((await call("/gadgets", { key })).status).toBe(403);
    const auditor = await created("--name", "auditor", "--roles", "auditor");
    expect((await call("/gadgets", { key: auditor })).status).toBe(200);
    // A key without an owner is authenticated but owns no widgets.
    expect((await call("/widgets", { key: auditor })).status).toBe(403);
  });

  it("refuses an expired key and one revoked with the CLI (401)", async () => {
    const expiring = await created("--name", "short", "--scopes", "widgets:read", "--owner", "owner-1", "--expires", "2s");
    const revoked = await created("--name", "revoked", "--scopes", "widgets:read", "--owner", "owner-1");
    const id = (await rows()).find((r) => revoked.startsWith(`vxk_${r.prefix}_`))?.id ?? "";
    const revoking = await cli("revoke", id);
    expect(revoking.code, revoking.stderr).toBe(0);
    expect((await call("/widgets", { key: revoked })).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await call("/widgets", { key: expiring })).status).toBe(401);
    expect((await cli("revoke", "no-such-id")).code).toBe(1);
  });

  it("lets admins only manage keys over HTTP: create, list, rotate and revoke, each taking effect at once", async () => {
    const admin = { email: `admin.${target}.${database}@example.com`, password: "Admin-Password-123" };
    const reader = { email: `reader.${target}.${database}@example.com`, password: "Reader-Password-123" };
    for (const account of [admin, reader]) expect((await call("/auth/register", { method: "POST", body: account })).status).toBe(201);
    const login = async (credentials: typeof admin) => ((await (await call("/auth/login", { method: "POST", body: credentials })).json()) as { accessToken: string }).accessToken;
    // Roles never come from a request: the admin is made in the database, and logs in.
    const cliKey = await created("--name", "not an admin", "--roles", "admin");
    if (database === "sqlite") {
      const db = new Database(join(project.dir, "keys.db"));
      db.prepare("UPDATE User SET role = 'admin' WHERE email = ?").run(admin.email);
      db.close();
    } else {
      const client = new pg.Client({ connectionString: pgServer });
      await client.connect();
      await client.query(`UPDATE "${schema}"."User" SET role = 'admin' WHERE email = $1`, [admin.email]);
      await client.end();
    }
    const token = await login(admin);
    expect((await call("/admin/api-keys")).status).toBe(401);
    expect((await call("/admin/api-keys", { token: await login(reader) })).status).toBe(403);
    // The admin routes take an access token, not an API key, even one with the admin role.
    expect((await call("/admin/api-keys", { key: cliKey })).status).toBe(401);

    // A key's owner is a user: the reader's id, not a string no user has.
    const readerId = String(((await (await call("/auth/me", { token: await login(reader) })).json()) as { id: string | number }).id);
    expect((await call("/admin/api-keys", { token, method: "POST", body: { name: "nobody's", ownerId: "no-such-user" } })).status).toBe(400);
    const made = await call("/admin/api-keys", { token, method: "POST", body: { name: "from admin", scopes: ["widgets:read"], ownerId: readerId } });
    expect(made.status).toBe(201);
    const { key, apiKey } = (await made.json()) as { key: string; apiKey: { id: string; prefix: string; scopes: string[]; ownerId: string } };
    expect(key).toMatch(keyPattern);
    expect(apiKey).toMatchObject({ scopes: ["widgets:read"], ownerId: readerId });
    expect((await call("/widgets", { key })).status).toBe(200);
    expect((await call("/admin/api-keys", { token, method: "POST", body: { name: "x", scopes: ["has space"] } })).status).toBe(400);
    expect((await call("/admin/api-keys", { token, method: "POST", body: { name: "x", expiresAt: "2000-01-01T00:00:00Z" } })).status).toBe(400);

    const list = await call("/admin/api-keys", { token });
    expect(list.status).toBe(200);
    const { items } = (await list.json()) as { items: Record<string, unknown>[] };
    expect(items.find((item) => item.id === apiKey.id)).toMatchObject({ name: "from admin", revokedAt: null });
    expect(items.every((item) => !("hash" in item))).toBe(true);
    expect(JSON.stringify(items)).not.toContain(key.slice(18));

    const rotated = await call(`/admin/api-keys/${apiKey.id}/rotate`, { token, method: "POST" });
    expect(rotated.status).toBe(200);
    const second = ((await rotated.json()) as { key: string }).key;
    expect((await call("/widgets", { key })).status).toBe(401);
    expect((await call("/widgets", { key: second })).status).toBe(200);

    const revoked = await call(`/admin/api-keys/${apiKey.id}`, { token, method: "DELETE" });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { revokedAt: string | null }).revokedAt).not.toBeNull();
    expect((await call("/widgets", { key: second })).status).toBe(401);
    expect((await call(`/admin/api-keys/no-such-id`, { token, method: "DELETE" })).status).toBe(404);
    expect((await call(`/admin/api-keys/${apiKey.id}/rotate`, { token, method: "POST" })).status).toBe(404);
  });

  it("records when a key was last used", async () => {
    const key = await created("--name", "used", "--scopes", "widgets:read", "--owner", "owner-1");
    const before = await rows();
    expect(before.find((row) => key.startsWith(`vxk_${row.prefix}_`))).toMatchObject({ lastUsedAt: null });
    expect((await call("/widgets", { key })).status).toBe(200);
    // Written off the request's path: soon after the answer, not before it.
    let lastUsedAt: string | null | undefined = null;
    for (const deadline = Date.now() + 20_000; lastUsedAt === null && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const listing = await cli("list", "--json");
      const views = JSON.parse(listing.stdout) as { prefix: string; lastUsedAt: string | null }[];
      lastUsedAt = views.find((view) => key.startsWith(`vxk_${view.prefix}_`))?.lastUsedAt;
    }
    expect(lastUsedAt).not.toBeNull();
  });
});
