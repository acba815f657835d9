/**
 * Extra checks written into the generated bookstore project before its own tests and tsc run (test-only files; the
 * generator never writes them). They prove what the generated code promises from the outside:
 * - the handler contract rejects an undocumented status, a body of the wrong shape and a missing required property at
 *   compile time (an extra property in an async handler's returned literal is not a TypeScript error: TypeScript does
 *   not check excess properties of inferred async return types; the serializer drops it at run time, see below);
 * - a column the API does not document (`Member.passwordHash`) never reaches a response, even when a handler returns it;
 * - OpenAPI parameter styles: `?id=1,3` (form, explode: false) is an array filter.
 */
export const bookstoreTypeProbe = `import type { GetBookHandler, GetStatsHandler, UploadBookCoverHandler } from "./generated/types/operations.js";

// @ts-expect-error a multipart file part is an UploadedFile, not a string
export const coverIsNoString: UploadBookCoverHandler = async ({ request }) => ({ status: 200, body: { bookId: 1, filename: request.body.cover.toUpperCase(), mimeType: "x", size: 1 } });

// A file part's name, media type, size and bytes, and the other parts typed by their schemas.
export const coverHandler: UploadBookCoverHandler = async ({ request }) => {
  const { cover, position, crop } = request.body;
  const size: number = cover.data.length + (position ?? 0) + (crop?.x ?? 0);
  return { status: 200, body: { bookId: request.params.bookId, filename: cover.filename, mimeType: cover.mimeType, size } };
};

// @ts-expect-error 418 is not a documented status of getBook
export const wrongStatus: GetBookHandler = async () => ({ status: 418, body: { error: { code: "NOT_FOUND", message: "x", timestamp: "t" } } });

// @ts-expect-error authors must be a number
export const wrongType: GetStatsHandler = async () => ({ status: 200, body: { authors: "1", books: 2 } });

// @ts-expect-error books is required
export const missingProperty: GetStatsHandler = async () => ({ status: 200, body: { authors: 1 } });

// @ts-expect-error a 200 of getBook must have a Book body
export const missingBody: GetBookHandler = async () => ({ status: 200 });

export const documented: GetStatsHandler = async () => ({ status: 200, body: { authors: 1, books: 2 } });
`;

export const bookstoreRuntimeProbe = `import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "./generated/support/testApi.js";
import { items } from "./generated/support/assertions.js";
import type { GetMemberHandler, UploadBookCoverHandler } from "../src/generated/types/operations.js";
import { unitOfWork } from "../src/generated/db/unitOfWork.js";
import { ApiError } from "../src/generated/runtime/errors.js";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => {
  await api.close();
});

describe("probe", () => {
  it("never serializes an undocumented column, even when a handler returns it", async () => {
    let member: { id: number; email: string; displayName: string; passwordHash: string } | undefined;
    const leaky: GetMemberHandler = async () => {
      if (member === undefined) throw new Error("no member yet");
      const row = { id: member.id, email: member.email, displayName: member.displayName, role: "reader" as const, passwordHash: member.passwordHash };
      return { status: 200, body: row };
    };
    const custom = await createTestApi({ handlers: { getMember: leaky } });
    try {
      member = await custom.factories.member({ passwordHash: "s3cret-hash" });
      const response = await custom.send({ method: "GET", url: "/members/" + member.id });
      expect(response.status).toBe(200);
      expect(response.text).not.toContain("s3cret-hash");
      expect(response.body).toEqual({ id: member.id, email: member.email, displayName: member.displayName, role: "reader" });
    } finally {
      await custom.close();
    }
  });

  it("reads a form/explode=false array query parameter as a filter", async () => {
    const books = [await api.factories.book(), await api.factories.book(), await api.factories.book()];
    const response = await api.request({ method: "GET", url: "/books?id=" + books[0]!.id + "," + books[2]!.id });
    expect(response.status).toBe(200);
    expect(items(response.body).map((b) => (b as { id: number }).id)).toEqual([books[0]!.id, books[2]!.id]);
    const bad = await api.request({ method: "GET", url: "/books?id=1,x" });
    expect(bad.status).toBe(400);
  });

  it("pages with a cursor and sorts on the whitelist only", async () => {
    for (let i = 0; i < 3; i++) await api.factories.book();
    const first = await api.request({ method: "GET", url: "/books?limit=2&sort=-price" });
    expect(first.status).toBe(200);
    const page = first.body as { items: { id: number; price: number }[]; nextCursor: number | null };
    expect(page.items).toHaveLength(2);
    expect(page.items[0]!.price).toBeGreaterThanOrEqual(page.items[1]!.price);
    expect(page.nextCursor).toBe(page.items[1]!.id);
    const next = await api.request({ method: "GET", url: "/books?limit=2&sort=-price&cursor=" + page.nextCursor });
    expect((next.body as { items: { id: number }[] }).items.map((b) => b.id)).not.toContain(page.items[0]!.id);
    const unsorted = await api.request({ method: "GET", url: "/books?sort=isbn" });
    expect(unsorted.status).toBe(400);
  });

  it("runs repositories in one transaction and maps Prisma errors to API errors", async () => {
    await expect(
      unitOfWork({
        prisma: api.prisma,
        work: async (repositories) => {
          await repositories.tag.create({ name: "uow-rolled-back" });
          throw new Error("roll back");
        },
      }),
    ).rejects.toThrow("roll back");
    expect(await api.prisma.tag.count({ where: { name: "uow-rolled-back" } })).toBe(0);
    const committed = await unitOfWork({ prisma: api.prisma, work: (repositories) => repositories.tag.create({ name: "uow-committed" }) });
    expect((await api.prisma.tag.findUnique({ where: { id: committed.id } }))?.name).toBe("uow-committed");
    const duplicate = await unitOfWork({ prisma: api.prisma, work: (repositories) => repositories.tag.create({ name: "uow-committed" }) }).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(ApiError);
    expect((duplicate as ApiError).code).toBe("CONFLICT");
    const missing = await unitOfWork({ prisma: api.prisma, work: (repositories) => repositories.tag.updateById({ id: 987654, data: { name: "x" } }) }).catch((e: unknown) => e);
    expect((missing as ApiError).code).toBe("NOT_FOUND");
    const author = await api.factories.author();
    await api.factories.book({ authorId: author.id });
    const restricted = await api.request({ method: "DELETE", url: "/authors/" + author.id });
    expect(restricted.status).toBe(409);
  });

  it("never coerces a JSON body and never strips unknown properties: both are rejected, nothing is stored", async () => {
    const number = await api.request({ method: "POST", url: "/tags", body: { name: 12345 } });
    expect(number.status).toBe(400);
    const error = (number.body as { error: { code: string; details: { field: string }[] } }).error;
    expect(error.code).toBe("VALIDATION_ERROR");
    expect(error.details.map((d) => d.field)).toContain("name");
    expect(await api.prisma.tag.count({ where: { name: "12345" } })).toBe(0);
    expect((number.body as { error: { details: { field: string; message: string }[] } }).error.details).toContainEqual({ field: "name", message: "must be a string (got integer)" });
    const unknown = await api.request({ method: "POST", url: "/tags", body: { name: "strict-tag", unexpected: 1 } });
    expect(unknown.status).toBe(400);
    expect((unknown.body as { error: { details: { field: string; message: string }[] } }).error.details).toEqual([{ field: "unexpected", message: "is not an allowed property" }]);
    expect(await api.prisma.tag.count({ where: { name: "strict-tag" } })).toBe(0);
  });

  it("reads a urlencoded form body by its schema (numbers, bracket lists), then checks it like JSON", async () => {
    const author = await api.factories.author();
    const tag = await api.factories.tag();
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const payload = "isbn=9780000000017&title=Form+Book&price=12.5&status=published&authorId=" + author.id + "&tagIds[]=" + tag.id;
    const created = await api.send({ method: "POST", url: "/books", payload, headers: form });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: "Form Book", price: 12.5, status: "published", authorId: author.id, tagIds: [tag.id] });
    const wrong = await api.send({ method: "POST", url: "/books", payload: "isbn=x&title=Bad+Form&price=cheap&status=published&authorId=" + author.id + "&tagIds=abc", headers: form });
    expect(wrong.status).toBe(400);
    const fields = (wrong.body as { error: { details: { field: string }[] } }).error.details.map((d) => d.field).sort();
    expect(fields).toEqual(["isbn", "price", "tagIds[0]"]);
    expect(await api.prisma.book.count({ where: { title: "Bad Form" } })).toBe(0);
  });

  it("reads a multipart upload (the file an UploadedFile, text parts typed, JSON parts parsed), checks it like JSON, refuses it over the limits", async () => {
    const seen: unknown[] = [];
    const upload: UploadBookCoverHandler = async ({ request }) => {
      seen.push(request.body);
      const { cover, caption } = request.body;
      return { status: 200, body: { bookId: request.params.bookId, filename: cover.filename, mimeType: cover.mimeType, size: cover.size, ...(caption === undefined ? {} : { caption }) } };
    };
    const custom = await createTestApi({ handlers: { uploadBookCover: upload }, limits: { uploadFileSizeLimit: 64 } });
    const boundary = "vxProbeBoundary";
    const headers = { "content-type": "multipart/form-data; boundary=" + boundary };
    const field = (name: string, value: string) => "--" + boundary + '\\r\\nContent-Disposition: form-data; name="' + name + '"\\r\\n\\r\\n' + value + "\\r\\n";
    const file = (name: string, filename: string, type: string, content: string) =>
      "--" + boundary + '\\r\\nContent-Disposition: form-data; name="' + name + '"; filename="' + filename + '"\\r\\nContent-Type: ' + type + "\\r\\n\\r\\n" + content + "\\r\\n";
    const multipart = (...parts: string[]) => parts.join("") + "--" + boundary + "--\\r\\n";
    const put = (payload: string) => custom.send({ method: "PUT", url: "/books/7/cover", payload, headers });
    const fields = (response: { body: unknown }) => (response.body as { error: { details: { field: string }[] } }).error.details.map((d) => d.field).sort();
    try {
      const ok = await put(multipart(file("cover", "front.png", "image/png", "PNGDATA"), field("caption", "Front"), field("position", "2"), field("crop", '{"x":1,"y":2}')));
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ bookId: 7, filename: "front.png", mimeType: "image/png", size: 7, caption: "Front" });
      expect(seen[0]).toMatchObject({ caption: "Front", position: 2, crop: { x: 1, y: 2 } });
      const missing = await put(multipart(field("caption", "No file")));
      expect(missing.status).toBe(400);
      expect(fields(missing)).toEqual(["cover"]);
      const wrong = await put(multipart(file("cover", "notes.txt", "text/plain", "text"), field("position", "two"), field("crop", '{"x":-1,"y":0}')));
      expect(wrong.status).toBe(400);
      expect(fields(wrong)).toEqual(["cover.mimeType", "crop.x", "position"]);
      const badJson = await put(multipart(file("cover", "front.png", "image/png", "PNGDATA"), field("crop", "{x:")));
      expect(badJson.status).toBe(400);
      expect(fields(badJson)).toEqual(["crop"]);
      const large = await put(multipart(file("cover", "huge.png", "image/png", "x".repeat(65))));
      expect(large.status).toBe(413);
      expect(large.body).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE", details: [{ field: "cover" }] } });
      const json = await custom.request({ method: "PUT", url: "/books/7/cover", body: { cover: "x" } });
      expect(json.status).toBe(415);
      expect(seen).toHaveLength(1);
    } finally {
      await custom.close();
    }
  });

  it("converts a query integer only as its schema says: ?limit=abc is 400, ?limit=5 works, the default applies", async () => {
    for (let i = 0; i < 6; i++) await api.factories.book();
    const bad = await api.request({ method: "GET", url: "/books?limit=abc" });
    expect(bad.status).toBe(400);
    const error = (bad.body as { error: { code: string; details: { field: string }[] } }).error;
    expect(error.code).toBe("VALIDATION_ERROR");
    expect(error.details.map((d) => d.field)).toEqual(["limit"]);
    const outOfRange = await api.request({ method: "GET", url: "/books?limit=1000" });
    expect(outOfRange.status).toBe(400);
    expect((outOfRange.body as { error: { details: { field: string; message: string }[] } }).error.details).toEqual([{ field: "limit", message: "must be <= 100" }]);
    const five = await api.request({ method: "GET", url: "/books?limit=5" });
    expect(five.status).toBe(200);
    expect((five.body as { items: unknown[] }).items).toHaveLength(5);
    const unlimited = await api.request({ method: "GET", url: "/books" });
    expect(unlimited.status).toBe(200);
    expect((unlimited.body as { items: unknown[] }).items.length).toBeGreaterThan(5);
  });

  it("reports every violation of a body at once, at most 20, with paths like tagIds[3]", async () => {
    const author = await api.factories.author();
    const several = await api.request({ method: "POST", url: "/books", body: { isbn: "x", title: "", price: -1, status: "draft", authorId: author.id, tagIds: [] } });
    expect(several.status).toBe(400);
    const fields = (several.body as { error: { details: { field: string }[] } }).error.details.map((d) => d.field).sort();
    expect(fields).toEqual(["isbn", "price", "title"]);
    const many = await api.request({
      method: "POST",
      url: "/books",
      body: { isbn: "1234567890123", title: "bounded", price: 1, status: "draft", authorId: author.id, tagIds: Array.from({ length: 30 }, () => "x") },
    });
    expect(many.status).toBe(400);
    const details = (many.body as { error: { message: string; details: { field: string }[] } }).error;
    expect(details.message).toBe("invalid body");
    expect(details.details).toHaveLength(20);
    expect(details.details.map((d) => d.field)).toContain("tagIds[3]");
    expect(await api.prisma.book.count({ where: { title: "bounded" } })).toBe(0);
  });

  it("answers a request wrong in its path and its body once, with the problems of both", async () => {
    const response = await api.request({ method: "PATCH", url: "/authors/0", body: { email: 7, extra: true } });
    expect(response.status).toBe(400);
    const error = (response.body as { error: { message: string; details: { field: string }[] } }).error;
    expect(error.message).toBe("invalid path and body");
    const [first, ...body] = error.details.map((d) => d.field);
    expect(first).toBe("authorId");
    expect(body.sort()).toEqual(["email", "extra"]);
    // An unreadable path value is reported as such (not also as a schema problem), beside the body's.
    const unreadable = await api.request({ method: "PATCH", url: "/authors/five", body: {} });
    expect(unreadable.status).toBe(400);
    expect((unreadable.body as { error: { details: { field: string }[] } }).error.details.map((d) => d.field)).toEqual(["authorId", "body"]);
  });

  it("compiles no schema at start-up: the routes' validators were generated", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { existsSync } = await import("node:fs");
    const glue = ["src/generated/fastify", "src/generated/express"].filter((folder) => existsSync(folder));
    expect(glue).toHaveLength(1);
    for (const folder of [...glue, "src/generated/validation"]) {
      for (const file of readdirSync(folder).filter((f) => f.endsWith(".ts"))) {
        const text = readFileSync(join(folder, file), "utf8");
        // A pattern is compiled by re2js when its unit loads (\`RE2JS.compile\`, microseconds); a schema never is.
        expect(text, file).not.toMatch(/new Ajv|(?<!RE2JS)\\.compile\\(|from "ajv"|addFormats|setValidatorCompiler/);
      }
    }
    // Nothing compiles a schema while the app is built, started and used (Fastify's serializer would compile
    // anyOf/if branches of response schemas with Ajv; the bookstore's responses have none; Express projects responses).
    const { createRequire } = await import("node:module");
    type Compile = (...input: unknown[]) => unknown;
    const Core = createRequire(import.meta.url)("ajv/dist/core.js").default as { prototype: { compile: Compile } };
    const original = Core.prototype.compile;
    const compiled: string[] = [];
    Core.prototype.compile = function (this: unknown, ...args: unknown[]) {
      compiled.push(JSON.stringify(args[0]).slice(0, 200));
      return original.apply(this, args);
    };
    try {
      const fresh = await createTestApi();
      try {
        const response = await fresh.request({ method: "POST", url: "/tags", body: { name: 12345 } });
        expect(response.status).toBe(400);
        const books = await fresh.request({ method: "GET", url: "/books?limit=abc" });
        expect(books.status).toBe(400);
        const page = await fresh.request({ method: "GET", url: "/books?limit=5" });
        expect(page.status).toBe(200);
      } finally {
        await fresh.close();
      }
      // The hook sees compilations (sanity): this one is the only one.
      const Ajv = createRequire(import.meta.url)("ajv").default as new () => { compile: Compile };
      new Ajv().compile({ type: "string", maxLength: 3 });
    } finally {
      Core.prototype.compile = original;
    }
    expect(compiled).toEqual(['{"type":"string","maxLength":3}']);
  });

  it("answers 501 NOT_IMPLEMENTED for an operation whose handler is not written", async () => {
    const response = await api.request({ method: "GET", url: "/stats" });
    expect(response.status).toBe(501);
    expect((response.body as { error: { code: string } }).error.code).toBe("NOT_IMPLEMENTED");
  });
});
`;
