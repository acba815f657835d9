import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareProject, runGeneratedTests, typecheck, type GeneratedProject } from "./helpers/generatedProject.js";
import { runCommand, toolkitBin } from "./helpers/runCommand.js";
import { freePort, startServer, type RunningServer } from "./helpers/startServer.js";
import { loadSourceDocument } from "../conformance/sourceDocument.js";
import { runConformance } from "../conformance/runConformance.js";
import { uniqueFields } from "../conformance/uniqueFields.js";

/**
 * Nested to-one objects, served (fixtures/nested): a post answers its author (a required relation, `$ref` to a summary
 * schema) and its category (optional, inline, null when the post has none) loaded in the post's own query; a create or
 * update connects them by the related record's id (`author: { id }` sets `authorId`), and a key that names no record
 * answers 404 NOT_FOUND (checked before the write). Generated, type-checked, built, and driven over HTTP on SQLite.
 */
const openapi = "fixtures/nested/openapi.yaml";
const prisma = "fixtures/nested/schema.prisma";

describe("nested to-one objects, generated and served", () => {
  let project: GeneratedProject;
  let server: RunningServer;
  beforeAll(async () => {
    project = await prepareProject({ name: "nested-objects", openapi, prisma });
    const tsc = toolkitBin("tsc");
    const build = await runCommand({ ...tsc, args: [...tsc.args, "-p", "tsconfig.build.json"], cwd: project.dir });
    expect(build.stdout + build.stderr).toBe("");
    const copy = await runCommand({ command: process.execPath, args: ["scripts/copy-json.mjs"], cwd: project.dir });
    expect(copy.code).toBe(0);
    const env = { DATABASE_URL: "file:./nested.db" };
    await rm(join(project.dir, "nested.db"), { force: true });
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

  it("binds every operation (none left to a hand-written handler) and loads the relations in the post's own query", () => {
    expect(project.files.filter((f) => f.path.startsWith("src/handlers/")).map((f) => f.path)).toEqual([]);
    const repository = project.files.find((f) => f.path === "src/generated/repositories/post.repository.ts")?.content ?? "";
    expect(repository.replace(/\s+/g, " ")).toContain("export const postInclude = { author: { select: { id: true, name: true, _count: { select: { posts: true } } } }, category: { select: { id: true, label: true } }, } satisfies Prisma.PostInclude;");
    expect(project.ir.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("type-checks, tests included", async () => {
    const checked = await typecheck({ dir: project.dir });
    expect(checked.stdout + checked.stderr).toBe("");
  }, 120_000);

  it("type-checks with the Express target too (the handlers and mappers are shared)", async () => {
    const express = await prepareProject({ name: "nested-objects-express", openapi, prisma, target: "express" });
    const checked = await typecheck({ dir: express.dir });
    expect(checked.stdout + checked.stderr).toBe("");
  }, 180_000);

  it("answers each post with its author and category; creates and updates connect them by id", async () => {
    const ann = await call({ method: "POST", path: "/authors", body: { name: "Ann", email: "ann@example.com" } });
    const bob = await call({ method: "POST", path: "/authors", body: { name: "Bob", email: "bob@example.com" } });
    const news = await call({ method: "POST", path: "/categories", body: { label: "news" } });
    expect([ann.status, bob.status, news.status]).toEqual([201, 201, 201]);
    const annId = Number(ann.body?.id);
    const bobId = Number(bob.body?.id);
    const newsId = Number(news.body?.id);

    const first = await call({ method: "POST", path: "/posts", body: { title: "Hello", author: { id: annId }, category: { id: newsId } } });
    expect(first).toMatchObject({ status: 201, body: { title: "Hello", author: { id: annId, name: "Ann" }, category: { id: newsId, label: "news" } } });
    // Only the documented fields of the related record (the author's email is not in AuthorSummary), with the count of
    // the author's posts computed in the same query.
    expect(first.body?.author).toEqual({ id: annId, name: "Ann", postsCount: 1 });
    const second = await call({ method: "POST", path: "/posts", body: { title: "Uncategorised", author: { id: bobId } } });
    expect(second).toMatchObject({ status: 201, body: { author: { id: bobId, name: "Bob", postsCount: 1 }, category: null } });
    const firstId = Number(first.body?.id);
    const secondId = Number(second.body?.id);

    expect(await call({ method: "GET", path: `/posts/${firstId}` })).toMatchObject({ status: 200, body: { author: { id: annId, name: "Ann" }, category: { id: newsId, label: "news" } } });
    const page = (await call({ method: "GET", path: "/posts?limit=10" })).body as { items: { id: number; author: unknown; category: unknown }[]; total: number };
    expect(page.total).toBe(2);
    expect(page.items.map((p) => [p.id, p.author, p.category])).toEqual([
      [firstId, { id: annId, name: "Ann", postsCount: 1 }, { id: newsId, label: "news" }],
      [secondId, { id: bobId, name: "Bob", postsCount: 1 }, null],
    ]);

    // An update moves the post to another author and takes its category away (null disconnects).
    expect(await call({ method: "PATCH", path: `/posts/${firstId}`, body: { author: { id: bobId }, category: null } })).toMatchObject({ status: 200, body: { author: { id: bobId, name: "Bob", postsCount: 2 }, category: null } });
    expect(await call({ method: "PATCH", path: `/posts/${secondId}`, body: { category: { id: newsId } } })).toMatchObject({ status: 200, body: { author: { id: bobId }, category: { label: "news" } } });
  });

  it("answers 404 NOT_FOUND for a key that names no related record, 400 for a malformed one, and writes nothing", async () => {
    const before = ((await call({ method: "GET", path: "/posts" })).body as { total: number }).total;
    expect(await call({ method: "POST", path: "/posts", body: { title: "Orphan", author: { id: 999_999 } } })).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND", message: "Author not found" } } });
    const author = await call({ method: "POST", path: "/authors", body: { name: "Cy", email: "cy@example.com" } });
    expect(await call({ method: "POST", path: "/posts", body: { title: "Orphan", author: { id: Number(author.body?.id) }, category: { id: 999_999 } } })).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect((await call({ method: "POST", path: "/posts", body: { title: "Bad", author: { id: "one" } } })).status).toBe(400);
    expect((await call({ method: "POST", path: "/posts", body: { title: "Bad", author: {} } })).status).toBe(400);
    expect((await call({ method: "POST", path: "/posts", body: { title: "Bad" } })).status).toBe(400);
    expect(((await call({ method: "GET", path: "/posts" })).body as { total: number }).total).toBe(before);
    const some = (await call({ method: "GET", path: "/posts" })).body as { items: { id: number }[] };
    const id = some.items[0]?.id ?? 0;
    expect((await call({ method: "PATCH", path: `/posts/${id}`, body: { author: { id: 999_999 } } })).status).toBe(404);
  });

  it("passes the conformance run derived from the fixture's document (bodies connect to records created first), on a fresh database", async () => {
    const env = { DATABASE_URL: "file:./conformance.db" };
    await rm(join(project.dir, "conformance.db"), { force: true });
    const push = await runCommand({ command: process.execPath, args: ["dist/generated/db/dbPush.js"], cwd: project.dir, env });
    expect(push.code, push.stdout + push.stderr).toBe(0);
    const fresh = await startServer({ dir: project.dir, port: await freePort(), env });
    try {
      const report = await runConformance({ url: fresh.url, source: await loadSourceDocument(openapi), specFile: openapi, uniques: await uniqueFields(prisma) });
      console.log(`[nested] conformance: ${report.cases.length} cases, ${report.skipped.length} skipped, ${report.requests} requests`);
      expect(report.cases.filter((c) => !c.ok).map((c) => `${c.group} / ${c.name}: ${c.detail ?? ""}`)).toEqual([]);
      const names = report.cases.map((c) => c.name);
      expect(names).toContain("createPost: a valid body is created");
      expect(names).toContain("getPost: reads back what was created");
      expect(report.cases.length).toBeGreaterThanOrEqual(30);
    } finally {
      expect(await fresh.stop(), fresh.output()).toBe(0);
    }
  }, 120_000);

  it("passes its own generated tests", async () => {
    const result = await runGeneratedTests({ dir: project.dir });
    expect(result.failed, result.stdout.slice(-4000) + result.stderr.slice(-4000)).toBe(0);
    expect(result.passed).toBeGreaterThan(0);
  }, 300_000);
});
