import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { bookstoreServers } from "./helpers/bookstoreServers.js";
import type { RunningServer } from "./helpers/startServer.js";

/**
 * The audit log of the generated bookstore on SQLite, started from outside as `node dist/server.js`, on every target:
 * each write through a bound operation records a VxAuditEvent row (who, what, when, from where, which fields, personal
 * data masked) in the write's transaction, so a failure after the write (a trigger refusing the audit row) undoes the
 * write too, and a write that fails records nothing. AUDIT=off records nothing. The rows are read with better-sqlite3.
 * GET /admin/audit-events answers admins only.
 */

const targets = [
  { target: "fastify", offset: 7 },
  { target: "express", offset: 17 },
];

interface AuditRow {
  principalId: string | null;
  model: string;
  recordId: string | null;
  operationId: string | null;
  action: string;
  ip: string | null;
  requestId: string | null;
  fields: string;
  changes: string;
  at: number | string;
}

/**
 * The bookstore's two custom operations written as a user would: publishBook (`x-vx-audit: true` in the spec) answers
 * the book, getStats (no flag) the counts.
 */
async function writeCustomHandlers(dir: string): Promise<void> {
  await writeFile(
    join(dir, "src/handlers/publish-book.ts"),
    `import { toApiBook } from "../generated/mappers/book.mapper.js";
import type { PublishBookHandler } from "../generated/types/operations.js";

export const publishBook: PublishBookHandler = async ({ request, context }) => {
  const record = await context.services.book.getById(request.params.bookId);
  return { status: 200, body: toApiBook(record) };
};
`,
  );
  await writeFile(
    join(dir, "src/handlers/get-stats.ts"),
    `import type { GetStatsHandler } from "../generated/types/operations.js";

export const getStats: GetStatsHandler = async () => ({ status: 200, body: { authors: 0, books: 0 } });
`,
  );
}

async function send({ url, method, body, headers = {} }: { url: string; method: string; body?: unknown; headers?: Record<string, string> }): Promise<Response> {
  return fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe.each(targets)("bookstore audit log ($target)", ({ target, offset }) => {
  const { serve, project } = bookstoreServers({ name: "bookstore-audit", target, databaseFile: "audit.db", portBase: 45_000, offset, patch: writeCustomHandlers });
  let server: RunningServer;
  let api = "";
  const database = () => new Database(join(project().dir, "audit.db"));
  const rowsOf = (where: { model: string; recordId: string }): AuditRow[] => {
    const db = database();
    try {
      return db.prepare("SELECT * FROM VxAuditEvent WHERE model = ? AND recordId = ? ORDER BY at, action").all(where.model, where.recordId) as AuditRow[];
    } finally {
      db.close();
    }
  };
  const count = (sql: string, ...values: string[]): number => {
    const db = database();
    try {
      return (db.prepare(sql).get(...values) as { n: number }).n;
    } finally {
      db.close();
    }
  };
  beforeAll(async () => {
    server = await serve({ RATE_LIMIT_AUTH_MAX: "100" });
    api = `${server.url}/api/v1`;
  }, 60_000);

  it("records a create, an update and a delete with the operation, the request id, the address and the fields, personal data masked", async () => {
    const created = await send({ url: `${api}/authors`, method: "POST", body: { name: "Audited", email: "audited.pii@example.com" }, headers: { "x-request-id": "audit-create-1" } });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect((await send({ url: `${api}/authors/${id}`, method: "PATCH", body: { bio: "Writes" }, headers: { "x-request-id": "audit-update-1" } })).status).toBe(200);
    expect((await send({ url: `${api}/authors/${id}`, method: "DELETE", headers: { "x-request-id": "audit-delete-1" } })).status).toBe(204);
    const rows = rowsOf({ model: "Author", recordId: String(id) });
    expect(rows.map((row) => [row.action, row.operationId, row.requestId, row.principalId, row.fields])).toEqual([
      ["create", "createAuthor", "audit-create-1", null, "email,name"],
      ["update", "updateAuthor", "audit-update-1", null, "bio"],
      ["delete", "deleteAuthor", "audit-delete-1", null, ""],
    ]);
    for (const row of rows) expect(row.ip).toMatch(/127\.0\.0\.1$/);
    expect(JSON.parse(rows[0]?.changes ?? "")).toEqual({ name: "Audited", email: "[REDACTED]" });
    expect(JSON.parse(rows[1]?.changes ?? "")).toEqual({ bio: "Writes" });
    expect(rows.map((row) => row.changes).join()).not.toContain("audited.pii");
  });

  it("names the caller's principal: the signed-in user's id", async () => {
    const credentials = { email: "auditor@example.com", password: "Audit-Password-123" };
    expect((await send({ url: `${api}/auth/register`, method: "POST", body: { ...credentials, displayName: "Auditor" } })).status).toBe(201);
    const login = await send({ url: `${api}/auth/login`, method: "POST", body: credentials });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const authorization = { authorization: `Bearer ${accessToken}` };
    const me = (await (await send({ url: `${api}/auth/me`, method: "GET", headers: authorization })).json()) as { id: number | string };
    const member = await send({ url: `${api}/members`, method: "POST", body: { email: "member.audit@example.com", displayName: "M", role: "reader" }, headers: authorization });
    expect(member.status).toBe(201);
    const { id } = (await member.json()) as { id: number };
    const rows = rowsOf({ model: "Member", recordId: String(id) });
    expect(rows.map((row) => [row.action, row.operationId, row.principalId])).toEqual([["create", "createMember", String(me.id)]]);
  });

  it("rolls the write back when its audit event fails in the same transaction, and records nothing for a failed write", async () => {
    const db = database();
    db.exec("CREATE TRIGGER vx_test_refuse_audit BEFORE INSERT ON VxAuditEvent WHEN NEW.changes LIKE '%Rollback Me%' BEGIN SELECT RAISE(ABORT, 'injected audit failure'); END;");
    db.close();
    try {
      const refused = await send({ url: `${api}/authors`, method: "POST", body: { name: "Rollback Me", email: "rollback@example.com" } });
      expect(refused.status).toBe(500);
      expect(count("SELECT COUNT(*) AS n FROM authors WHERE name = ?", "Rollback Me")).toBe(0);
      expect(count("SELECT COUNT(*) AS n FROM authors WHERE email = ?", "rollback@example.com")).toBe(0);
    } finally {
      const cleanup = database();
      cleanup.exec("DROP TRIGGER vx_test_refuse_audit");
      cleanup.close();
    }
    // The same write succeeds once the audit row can be written: the failure undid the insert, nothing was left behind.
    const again = await send({ url: `${api}/authors`, method: "POST", body: { name: "Rollback Me", email: "rollback@example.com" } });
    expect(again.status).toBe(201);
    const events = count("SELECT COUNT(*) AS n FROM VxAuditEvent");
    const duplicate = await send({ url: `${api}/authors`, method: "POST", body: { name: "Twice", email: "rollback@example.com" } });
    expect(duplicate.status).toBe(409);
    expect(count("SELECT COUNT(*) AS n FROM VxAuditEvent")).toBe(events);
  });

  it("lets admins only read the audit log: 401 without a token, 403 for a reader, a filtered page for an admin", async () => {
    const login = async (credentials: { email: string; password: string }) =>
      ((await (await send({ url: `${api}/auth/login`, method: "POST", body: credentials })).json()) as { accessToken: string }).accessToken;
    const reader = { email: "reader.audit@example.com", password: "Reader-Password-123" };
    const admin = { email: "admin.audit@example.com", password: "Admin-Password-123" };
    for (const account of [reader, admin])
      expect((await send({ url: `${api}/auth/register`, method: "POST", body: { ...account, displayName: "A" } })).status).toBe(201);
    // Roles never come from a request: the admin is made in the database, and logs in again.
    const db = database();
    db.prepare("UPDATE members SET role = 'ADMIN' WHERE email = ?").run(admin.email);
    db.close();
    const route = `${api}/admin/audit-events`;
    expect((await send({ url: route, method: "GET" })).status).toBe(401);
    const refused = await send({ url: route, method: "GET", headers: { authorization: `Bearer ${await login(reader)}` } });
    expect(refused.status).toBe(403);
    const created = await send({ url: `${api}/authors`, method: "POST", body: { name: "Listed", email: "listed@example.com" } });
    const { id } = (await created.json()) as { id: number };
    const adminToken = await login(admin);
    const page = await send({ url: `${route}?model=Author&recordId=${id}&limit=5`, method: "GET", headers: { authorization: `Bearer ${adminToken}` } });
    expect(page.status).toBe(200);
    const body = (await page.json()) as { total: number; items: { action: string; model: string; recordId: string; fields: string[]; changes: Record<string, unknown> }[] };
    expect(body).toMatchObject({ total: 1, items: [{ action: "create", model: "Author", recordId: String(id), fields: ["email", "name"], changes: { name: "Listed", email: "[REDACTED]" } }] });
    const paged = (await (await send({ url: `${route}?limit=2&offset=1`, method: "GET", headers: { authorization: `Bearer ${adminToken}` } })).json()) as { total: number; items: unknown[] };
    expect(paged.items).toHaveLength(2);
    expect(paged.total).toBe(count("SELECT COUNT(*) AS n FROM VxAuditEvent"));
    expect((await send({ url: `${route}?limit=0`, method: "GET", headers: { authorization: `Bearer ${adminToken}` } })).status).toBe(400);
  });

  it("records a call of a custom action marked x-vx-audit (publishBook) once it answered 2xx, and none of an unmarked one (getStats)", async () => {
    const author = (await (await send({ url: `${api}/authors`, method: "POST", body: { name: "Publisher", email: "publisher@example.com" } })).json()) as { id: number };
    const book = await send({ url: `${api}/authors/${author.id}/books`, method: "POST", body: { title: "Audited Call", isbn: "9780306406157", price: 10 } });
    expect(book.status, await book.clone().text()).toBe(201);
    const { id } = (await book.json()) as { id: number };
    const published = await send({ url: `${api}/books/${id}/publish`, method: "POST", headers: { "x-request-id": "audit-call-1" } });
    expect(published.status).toBe(200);
    // A call that fails (404) records nothing.
    expect((await send({ url: `${api}/books/999999/publish`, method: "POST" })).status).toBe(404);
    const calls = rowsOf({ model: "Book", recordId: String(id) }).filter((row) => row.action === "call");
    expect(calls.map((row) => [row.operationId, row.requestId, row.principalId, row.fields])).toEqual([["publishBook", "audit-call-1", null, ""]]);
    expect(calls[0]?.ip).toMatch(/127\.0\.0\.1$/);
    expect(count("SELECT COUNT(*) AS n FROM VxAuditEvent WHERE recordId = ?", "999999")).toBe(0);
    // An admin reads it from GET /admin/audit-events like the writes.
    const admin = { email: "admin.calls@example.com", password: "Admin-Password-123" };
    expect((await send({ url: `${api}/auth/register`, method: "POST", body: { ...admin, displayName: "A" } })).status).toBe(201);
    const db = database();
    db.prepare("UPDATE members SET role = 'ADMIN' WHERE email = ?").run(admin.email);
    db.close();
    const { accessToken } = (await (await send({ url: `${api}/auth/login`, method: "POST", body: admin })).json()) as { accessToken: string };
    const page = await send({ url: `${api}/admin/audit-events?model=Book&recordId=${id}`, method: "GET", headers: { authorization: `Bearer ${accessToken}` } });
    const listed = (await page.json()) as { items: { action: string; operationId: string; requestId: string }[] };
    expect(listed.items.filter((item) => item.action === "call")).toMatchObject([{ operationId: "publishBook", requestId: "audit-call-1" }]);
    const before = count("SELECT COUNT(*) AS n FROM VxAuditEvent");
    expect((await send({ url: `${api}/stats`, method: "GET" })).status).toBe(200);
    expect(count("SELECT COUNT(*) AS n FROM VxAuditEvent")).toBe(before);
    expect(count("SELECT COUNT(*) AS n FROM VxAuditEvent WHERE operationId = ?", "getStats")).toBe(0);
  });

  it("records nothing with AUDIT=off", async () => {
    const quiet = await serve({ AUDIT: "off" });
    const before = count("SELECT COUNT(*) AS n FROM VxAuditEvent");
    const created = await send({ url: `${quiet.url}/api/v1/authors`, method: "POST", body: { name: "Unaudited", email: "unaudited@example.com" } });
    expect(created.status).toBe(201);
    expect(count("SELECT COUNT(*) AS n FROM VxAuditEvent")).toBe(before);
  });
});
