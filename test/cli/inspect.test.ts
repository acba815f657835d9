import { describe, expect, it } from "vitest";
import { runCli } from "./runCli.js";
import { buildIr } from "../../src/pipeline/buildIr.js";
import { inspectView } from "../../src/cli/commands/inspect.js";
import { stableStringify } from "../../src/util/stableStringify.js";

/** The project's own fixtures whose IR is pinned as a snapshot: any change to the IR shows up in review. */
const fixtures: { name: string; openapi?: string; prisma?: string }[] = [
  { name: "bookstore", openapi: "fixtures/bookstore/openapi.yaml", prisma: "fixtures/bookstore/schema.prisma" },
  { name: "petstore-v2", openapi: "fixtures/petstore-v2/swagger.yaml", prisma: "fixtures/petstore-v2/schema.prisma" },
  { name: "library", openapi: "fixtures/binding/library.yaml", prisma: "fixtures/binding/library.prisma" },
  { name: "blog", openapi: "fixtures/blog/openapi.yaml", prisma: "fixtures/blog/schema.prisma" },
  { name: "nested", openapi: "fixtures/nested/openapi.yaml", prisma: "fixtures/nested/schema.prisma" },
  { name: "openapi-3.1", openapi: "fixtures/openapi/v3.1/api.yaml" },
  { name: "openapi-3.0", openapi: "fixtures/openapi/v3.0/petstore.yaml" },
  { name: "swagger-2.0", openapi: "fixtures/openapi/v2.0/petstore.yaml" },
  { name: "openapi-multi-file", openapi: "fixtures/openapi/multi/openapi.yaml" },
  { name: "prisma-multi-file", prisma: "fixtures/prisma/multi-file" },
];

describe("vx-gen inspect", () => {
  it.each(fixtures)("IR of the $name fixture (snapshot)", async ({ name, openapi, prisma }) => {
    const { ir } = await buildIr({ ...(openapi ? { openapi } : {}), ...(prisma ? { prisma } : {}) });
    await expect(`${stableStringify({ value: inspectView(ir) })}\n`).toMatchFileSnapshot(`__snapshots__/inspect/${name}.json`);
  });

  it("prints operations with method, path, operationId and binding, schemas, models with fields, enums and diagnostics", () => {
    const result = runCli({ args: ["inspect", "--openapi", "fixtures/bookstore/openapi.yaml", "--prisma", "fixtures/bookstore/schema.prisma"] });
    expect(result.code).toBe(0);
    const view = JSON.parse(result.stdout) as {
      operations: { method: string; path: string; operationId: string; binding: { kind: string } }[];
      schemas: { name: string }[];
      models: { name: string; fields: unknown[] }[];
      enums: { name: string }[];
      diagnostics: unknown[];
    };
    expect(Object.keys(view)).toEqual(["api", "bindings", "db", "diagnostics", "enums", "irVersion", "models", "operations", "schemas"]);
    expect(view.operations.length).toBeGreaterThan(10);
    for (const op of view.operations) {
      expect(op).toMatchObject({ method: expect.any(String), path: expect.any(String), operationId: expect.any(String), binding: { kind: expect.stringMatching(/^(bound|unbound|accounts)$/) } });
    }
    expect(view.models.every((m) => m.fields.length > 0)).toBe(true);
    expect(view.enums.length).toBeGreaterThan(0);
    expect(view.schemas.length).toBeGreaterThan(0);
  });

  it("explains each binding: the envelope, page or column list found, the counts, flags and tokens computed, a relation action, a sign-in, a scope, the values derived, what a list filters by, or why it is unbound", () => {
    const counted = "computed: commentsCount = count of comments (heuristic)";
    const flags = ["computed: favorited = caller in favoritedBy (heuristic)", "computed: favoritesCount = count of favoritedBy (extension)", "nested: author = Article.author (User: username, bio, image, following: the caller in followers)"];
    const result = runCli({ args: ["inspect", "--openapi", "fixtures/blog/openapi.yaml", "--prisma", "fixtures/blog/schema.prisma"] });
    expect(result.code).toBe(0);
    const view = JSON.parse(result.stdout) as { bindings: { operation: string; binding: string; found: string[] }[] };
    const found = Object.fromEntries(view.bindings.map((b) => [`${b.operation} ${b.binding}`, b.found]));
    expect(found).toMatchObject({
      "POST /articles Article.create": ["request envelope: article (heuristic)", "response envelope: article (heuristic)", "derived: authorId from the caller (Article.author)", counted, ...flags, "derived: slug from title (heuristic)"],
      "GET /articles/feed Article.list": ["page: articles + count articlesCount (heuristic)", "scope: a feed: the records whose author has the caller in followers (heuristic)", counted, ...flags],
      "GET /articles Article.list": ["page: articles + count articlesCount (heuristic)", counted, ...flags, "filter title: Article.title", "filter tag: Article.tags some Tag.name"],
      "GET /articles/{slug} Article.get": ["response envelope: article (heuristic)", counted, ...flags],
      "PUT /articles/{slug} Article.replace": ["request envelope: article (heuristic)", "response envelope: article (heuristic)", counted, ...flags],
      "POST /articles/{slug}/favorite Article.connect": ["response envelope: article (heuristic)", "relation: connect the caller to Article.favoritedBy (heuristic)", counted, ...flags],
      "DELETE /articles/{slug}/tags/{name} Article.disconnect": ["response envelope: article (heuristic)", "relation: disconnect the Tag of {name} (by name) from Article.tags (heuristic)", counted, ...flags],
      "POST /profiles/{username}/follow User.connect": ["response envelope: profile (heuristic)", "relation: connect the caller to User.followers (heuristic)", "computed: following = caller in followers (heuristic)"],
      "GET /user User.get": ["response envelope: user (heuristic)", "key: the caller's own User (the subject of their token)", "computed: token = the access token the caller sent (heuristic)"],
      "POST /users User.register": ["request envelope: user (heuristic)", "response envelope: user (heuristic)", "accounts: sign-up, the password hashed with scrypt (email, password)", "computed: token = the new access token (heuristic)"],
      "POST /users/login User.login": ["request envelope: user (heuristic)", "response envelope: user (heuristic)", "accounts: login, checked against the stored scrypt hash, throttled and locked out (email, password)", "computed: token = the new access token (heuristic)"],
      "GET /articles/favorites Article.list": ["page: articles + count articlesCount (heuristic)", "scope: the caller's records: the records whose favoritedBy include the caller (extension)", counted, ...flags],
      "DELETE /articles/{slug} Article.delete": [],
      "GET /comments Comment.list": ["page: data + count meta.total (extension)", "filter article: Comment.article Article.slug", "filter createdAfter: Comment.createdAt gt"],
      "GET /tags Tag.list": ["column list: Tag.name in tags (heuristic)"],
    });
    const unbound = runCli({ args: ["inspect", "--openapi", "fixtures/blog/openapi.yaml"] });
    const view2 = JSON.parse(unbound.stdout) as { bindings: { binding: string; found: string[] }[] };
    expect(view2.bindings.every((b) => b.binding === "unbound" && b.found[0] === "no Prisma schema given")).toBe(true);
  });

  it("names the related records a response shows nested: the relation, the related model and the columns shown", () => {
    const result = runCli({ args: ["inspect", "--openapi", "fixtures/nested/openapi.yaml", "--prisma", "fixtures/nested/schema.prisma"] });
    expect(result.code).toBe(0);
    const view = JSON.parse(result.stdout) as { bindings: { operation: string; binding: string; found: string[] }[] };
    const found = Object.fromEntries(view.bindings.map((b) => [`${b.operation} ${b.binding}`, b.found]));
    const nested = ["nested: author = Post.author (Author: id, name, count of posts)", "nested: category = Post.category (Category: id, label)"];
    expect(found).toMatchObject({
      "GET /posts Post.list": ["page: items + count total (heuristic)", ...nested],
      "GET /posts/{id} Post.get": nested,
      "POST /authors Author.create": [],
    });
  });

  it("prints the same bytes twice (stable key order, no encounter-order names)", () => {
    const args = ["inspect", "--openapi", "fixtures/bookstore/openapi.yaml", "--prisma", "fixtures/bookstore/schema.prisma", "--compact"];
    const first = runCli({ args });
    const second = runCli({ args });
    expect(first.stdout.length).toBeGreaterThan(1000);
    expect(second.stdout).toBe(first.stdout);
  });

  it("still prints the IR when the input has errors, and exits 1", () => {
    const result = runCli({ args: ["inspect", "--openapi", "fixtures/bad/unknown-ref.yaml"] });
    expect(result.code).toBe(1);
    const view = JSON.parse(result.stdout) as { operations: unknown[]; diagnostics: { code: string }[] };
    expect(view.operations).toHaveLength(1);
    expect(view.diagnostics.map((d) => d.code)).toContain("VX104");
  });
});
