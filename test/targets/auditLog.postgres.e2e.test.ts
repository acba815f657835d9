import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProject, prepareProject } from "./helpers/generatedProject.js";
import { runCommand } from "./helpers/runCommand.js";
import { startServer, type RunningServer } from "./helpers/startServer.js";

/**
 * The audit log of the generated bookstore (Fastify) on PostgreSQL, when VX_TEST_PG_URL names a server (in a schema of
 * its own): the event is written with the write, and a trigger refusing the event rolls the write back. The SQLite
 * side, both targets and the admin route are in auditLog.e2e.test.ts.
 */
const pgServer = process.env.VX_TEST_PG_URL;
if (pgServer === undefined) console.log("[audit postgres] skipped: set VX_TEST_PG_URL to run the audit log against PostgreSQL");

describe.runIf(pgServer !== undefined)("bookstore audit log on PostgreSQL (fastify)", () => {
  const schema = `vx_audit_${process.pid}`;
  let server: RunningServer;
  let client: pg.Client;
  const rows = async (sql: string, values: unknown[] = []) => (await client.query(sql, values)).rows as Record<string, unknown>[];

  beforeAll(async () => {
    const input = join(process.cwd(), "test", ".out", "audit-postgres-input");
    await mkdir(input, { recursive: true });
    const prisma = join(input, "bookstore.prisma");
    await writeFile(prisma, (await readFile("fixtures/bookstore/schema.prisma", "utf8")).replace('provider = "sqlite"', 'provider = "postgresql"'));
    const project = await prepareProject({ name: "bookstore-audit-postgres", openapi: "fixtures/bookstore/openapi.yaml", prisma, target: "fastify" });
    await buildProject({ dir: project.dir });
    const url = new URL(pgServer ?? "");
    url.searchParams.set("schema", schema);
    client = new pg.Client({ connectionString: pgServer });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    const push = await runCommand({ command: process.execPath, args: ["dist/generated/db/dbPush.js"], cwd: project.dir, env: { DATABASE_URL: url.toString() } });
    if (push.code !== 0) throw new Error(`db push failed:\n${push.stdout}${push.stderr}`);
    server = await startServer({ dir: project.dir, port: 45_000 + (process.pid % 1000) * 20 + 19, env: { DATABASE_URL: url.toString() } });
  }, 300_000);

  afterAll(async () => {
    expect(await server?.stop()).toBe(0);
    await client?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client?.end();
  });

  const post = (body: unknown) =>
    fetch(`${server.url}/api/v1/authors`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("writes the event with the write, and rolls the write back when the event fails", async () => {
    const created = await post({ name: "Audited", email: "audited.pg@example.com" });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const events = await rows(`SELECT action, "operationId", fields, changes FROM "${schema}"."VxAuditEvent" WHERE model = 'Author' AND "recordId" = $1`, [String(id)]);
    expect(events).toEqual([{ action: "create", operationId: "createAuthor", fields: "email,name", changes: '{"name":"Audited","email":"[REDACTED]"}' }]);

    await client.query(`CREATE FUNCTION "${schema}".refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.changes LIKE '%Rollback Me%' THEN RAISE EXCEPTION 'injected audit failure'; END IF; RETURN NEW; END $$`);
    await client.query(`CREATE TRIGGER refuse_audit BEFORE INSERT ON "${schema}"."VxAuditEvent" FOR EACH ROW EXECUTE FUNCTION "${schema}".refuse_audit()`);
    expect((await post({ name: "Rollback Me", email: "rollback.pg@example.com" })).status).toBe(500);
    expect(await rows(`SELECT id FROM "${schema}".authors WHERE email = $1`, ["rollback.pg@example.com"])).toEqual([]);
    await client.query(`DROP TRIGGER refuse_audit ON "${schema}"."VxAuditEvent"`);

    const before = await rows(`SELECT COUNT(*)::int AS n FROM "${schema}"."VxAuditEvent"`);
    expect((await post({ name: "Twice", email: "audited.pg@example.com" })).status).toBe(409);
    expect(await rows(`SELECT COUNT(*)::int AS n FROM "${schema}"."VxAuditEvent"`)).toEqual(before);
  });
});
