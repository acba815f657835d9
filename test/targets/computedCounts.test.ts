import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { IrDocument } from "../../src/ir/types.js";
import type { RenderOutput } from "../../src/targets/TargetPlugin.js";
import { writeSpecFiles } from "../parsers/openapi/helpers.js";
import { generateFixture } from "./helpers/generateFixture.js";

// Computed counts as generated: `comment_count` recognised by its name, `likes` by `x-vx-computed: { count: likedBy }`,
// both in a schema that is also the create and update bodies (not readOnly: sent, validated, never written), under a
// top-level list and a nested one (`/users/{id}/posts`). The blog end-to-end test runs `commentsCount` on a database.

const openapi = `openapi: 3.1.0
info: { title: Counts, version: "1" }
paths:
  /posts:
    get:
      operationId: listPosts
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { type: array, items: { $ref: "#/components/schemas/Post" } }
    post:
      operationId: createPost
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/Post" }
      responses:
        "201":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Post" }
  /posts/{id}:
    parameters:
      - { name: id, in: path, required: true, schema: { type: integer } }
    patch:
      operationId: updatePost
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/Post" }
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Post" }
  /users/{id}/posts:
    parameters:
      - { name: id, in: path, required: true, schema: { type: integer } }
    get:
      operationId: listUserPosts
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { type: array, items: { $ref: "#/components/schemas/Post" } }
components:
  schemas:
    Post:
      type: object
      required: [title, comment_count, likes]
      properties:
        id: { type: integer, readOnly: true }
        title: { type: string }
        comment_count: { type: integer }
        likes: { type: integer, x-vx-computed: { count: likedBy } }
`;

const prisma = `datasource db {
  provider = "sqlite"
}

model User {
  id    Int    @id @default(autoincrement())
  posts Post[]
  liked Post[] @relation("Likes")
}

model Post {
  id       Int       @id @default(autoincrement())
  title    String
  authorId Int?
  author   User?     @relation(fields: [authorId], references: [id])
  comments Comment[]
  likedBy  User[]    @relation("Likes")
}

model Comment {
  id     Int  @id @default(autoincrement())
  postId Int
  post   Post @relation(fields: [postId], references: [id])
}
`;

function file(output: RenderOutput, name: string): string {
  const found = output.files.find((f) => f.path === name);
  if (!found) throw new Error(`${name} not generated`);
  return found.content;
}

describe("computed counts as generated", () => {
  let output: RenderOutput & { ir: IrDocument };
  beforeAll(async () => {
    const dir = await writeSpecFiles({ "api.yaml": openapi, "schema.prisma": prisma });
    output = await generateFixture({ openapi: path.join(dir, "api.yaml"), prisma: path.join(dir, "schema.prisma") });
  }, 60_000);

  it("loads every count the mappers use with the record, in the same query (`_count` of the include)", () => {
    const repository = file(output, "src/generated/repositories/post.repository.ts");
    expect(repository).toContain("export const postInclude = { _count: { select: { comments: true, likedBy: true } } } satisfies Prisma.PostInclude;");
    const calls = repository.split("this.db.post.").slice(1);
    expect(calls.map((c) => c.slice(0, c.indexOf("("))).sort()).toEqual(["count", "create", "delete", "findMany", "findUnique", "update"]);
    for (const call of calls.filter((c) => !c.startsWith("count("))) expect(call.slice(0, call.indexOf("})"))).toContain("include: postInclude");
  });

  it("maps the counts to the API shape and never writes them from a body", () => {
    const mapper = file(output, "src/generated/mappers/post.mapper.ts");
    expect(mapper).toContain("return { id: row.id, title: row.title, comment_count: row._count.comments, likes: row._count.likedBy };");
    expect(mapper).toContain("export function createPostData(body: Req.Post): Prisma.PostUncheckedCreateInput {\n  return { title: body.title };");
    expect(mapper).toContain("export function updatePostData(body: Req.Post): Prisma.PostUncheckedUpdateInput {\n  return { title: body.title };");
  });

  it("binds every operation, the nested list included, with no hand-written handler and no drift reported", () => {
    expect(output.diagnostics.filter((d) => d.code === "VX511")).toEqual([]);
    expect(output.ir.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    const handlers = file(output, "src/generated/handlers/post.handlers.ts");
    const nested = handlers.slice(handlers.indexOf("export const listUserPosts"));
    expect(nested).toContain("records.map((record) => toApiPost(record))");
  });
});
