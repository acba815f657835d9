import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { IrDocument } from "../../src/ir/types.js";
import type { RenderOutput } from "../../src/targets/TargetPlugin.js";
import { writeSpecFiles } from "../parsers/openapi/helpers.js";
import { generateFixture } from "./helpers/generateFixture.js";

// The mapper planner's decisions on nested to-one objects, as generated: a required relation and an optional one
// (omitted when the property is optional and not nullable), the related model's conversions (DateTime) and counts of
// its to-many relations (`_count` inside the include's select), a deeper
// object inside the nested shape left out, two shapes of one relation merged into one include, a body sending both the
// foreign key and the object (the object wins), a required object for an optional relation (a handler to write), and
// a request object with no key (not written, VX326). fixtures/nested runs on a database (nestedObjects.e2e.test.ts).

const ok = (schema: string) => `"200": { description: ok, content: { application/json: { schema: ${schema} } } }`;
const body = (schema: string) => `requestBody: { required: true, content: { application/json: { schema: ${schema} } } }`;
const openapi = `openapi: 3.1.0
info: { title: Nested, version: "1" }
paths:
  /posts:
    get:
      operationId: listPosts
      responses: { ${ok(`{ type: array, items: { $ref: "#/components/schemas/PostItem" } }`)} }
    post:
      operationId: createPost
      ${body(`{ $ref: "#/components/schemas/NewPost" }`)}
      responses: { ${ok(`{ $ref: "#/components/schemas/Post" }`)} }
  /posts/{id}:
    parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
    get:
      operationId: getPost
      responses: { ${ok(`{ $ref: "#/components/schemas/Post" }`)} }
    put:
      operationId: replacePost
      ${body(`{ $ref: "#/components/schemas/PostReplacement" }`)}
      responses: { ${ok(`{ $ref: "#/components/schemas/Post" }`)} }
  /comments:
    post:
      operationId: createComment
      ${body(`{ $ref: "#/components/schemas/NewComment" }`)}
      responses: { ${ok(`{ $ref: "#/components/schemas/CommentItem" }`)} }
  /comments/{id}:
    parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
    get:
      operationId: getComment
      responses: { ${ok(`{ $ref: "#/components/schemas/Comment" }`)} }
components:
  schemas:
    Ref:
      type: object
      required: [id]
      properties: { id: { type: integer } }
    AuthorCard:
      type: object
      required: [id, name, joinedAt]
      properties:
        id: { type: integer }
        name: { type: string }
        joinedAt: { type: string, format: date-time }
        postsCount: { type: integer, readOnly: true }
        country:
          type: object
          required: [code]
          properties: { code: { type: string } }
    Post:
      type: object
      required: [id, title, author]
      properties:
        id: { type: integer, readOnly: true }
        title: { type: string }
        author: { $ref: "#/components/schemas/AuthorCard" }
        category:
          type: object
          required: [label]
          properties: { label: { type: string } }
    PostItem:
      type: object
      required: [id, author]
      properties:
        id: { type: integer }
        author:
          type: object
          required: [id, email]
          properties: { id: { type: integer }, email: { type: string } }
    NewPost:
      type: object
      required: [title, authorId]
      properties:
        title: { type: string }
        authorId: { type: integer }
        author: { $ref: "#/components/schemas/Ref" }
    PostReplacement:
      type: object
      required: [title, author]
      properties:
        title: { type: string }
        authorId: { type: integer }
        author: { $ref: "#/components/schemas/Ref" }
    Comment:
      type: object
      required: [id, text, post]
      properties:
        id: { type: integer }
        text: { type: string }
        post:
          type: object
          required: [id]
          properties: { id: { type: integer } }
    CommentItem:
      type: object
      required: [id, text]
      properties:
        id: { type: integer }
        text: { type: string }
    NewComment:
      type: object
      required: [text, author]
      properties:
        text: { type: string }
        author: { $ref: "#/components/schemas/Ref" }
        post:
          type: object
          required: [title]
          properties: { title: { type: string } }
`;

const prisma = `datasource db {
  provider = "sqlite"
}

model Country {
  id      Int      @id @default(autoincrement())
  code    String
  authors Author[]
}

model Author {
  id        Int       @id @default(autoincrement())
  name      String
  email     String
  joinedAt  DateTime  @default(now())
  countryId Int?
  country   Country?  @relation(fields: [countryId], references: [id])
  posts     Post[]
  comments  Comment[]
}

model Category {
  id    Int    @id @default(autoincrement())
  label String
  posts Post[]
}

model Post {
  id         Int       @id @default(autoincrement())
  title      String
  authorId   Int
  author     Author    @relation(fields: [authorId], references: [id])
  categoryId Int?
  category   Category? @relation(fields: [categoryId], references: [id])
  comments   Comment[]
}

model Comment {
  id       Int    @id @default(autoincrement())
  text     String
  postId   Int?
  post     Post?  @relation(fields: [postId], references: [id])
  authorId Int
  author   Author @relation(fields: [authorId], references: [id])
}
`;

function file(output: RenderOutput, name: string): string {
  const found = output.files.find((f) => f.path === name);
  if (!found) throw new Error(`${name} not generated`);
  return found.content;
}

const flat = (code: string) => code.replace(/\s+/g, " ");

describe("nested to-one objects as generated", () => {
  let output: RenderOutput & { ir: IrDocument };
  beforeAll(async () => {
    const dir = await writeSpecFiles({ "api.yaml": openapi, "schema.prisma": prisma });
    output = await generateFixture({ openapi: path.join(dir, "api.yaml"), prisma: path.join(dir, "schema.prisma") });
  }, 60_000);

  it("loads each related record in the record's own query, with the columns of every shape that shows it", () => {
    const repository = flat(file(output, "src/generated/repositories/post.repository.ts"));
    expect(repository).toContain("export const postInclude = { author: { select: { email: true, id: true, joinedAt: true, name: true, _count: { select: { posts: true } } } }, category: { select: { label: true } }, } satisfies Prisma.PostInclude;");
    // No query per row: the list's findMany carries the include.
    expect(repository).toMatch(/findMany\(\{ where: query\.where \?\? \{\}, orderBy, include: postInclude/);
  });

  it("maps a required relation always, an optional one left out when absent, with the related model's conversions and counts; a deeper object is left out", () => {
    const mapper = flat(file(output, "src/generated/mappers/post.mapper.ts"));
    expect(mapper).toContain("author: toApiPost$Author(row.author), ...(row.category === null ? {} : { category: toApiPost$Category(row.category) })");
    expect(mapper).toContain('export function toApiPost$Author(row: NonNullable<PostRecord["author"]>): Res.AuthorCard { return { id: row.id, name: row.name, joinedAt: row.joinedAt.toISOString(), postsCount: row._count.posts }; }');
    expect(mapper).toContain('export function toApiPostItem$Author(row: NonNullable<PostRecord["author"]>): { id: number; email: string } { return { id: row.id, email: row.email }; }');
  });

  it("connects by the related key through the foreign key; the object wins over a foreign key sent with it", () => {
    const mapper = flat(file(output, "src/generated/mappers/post.mapper.ts"));
    expect(mapper).toContain("return { title: body.title, authorId: body.authorId, ...(body.author === undefined ? {} : { authorId: body.author.id }), };");
    // A required object makes the foreign key's own property redundant: it is not written.
    expect(mapper).toContain("export function replacePostData(body: Req.PostReplacement): Prisma.PostUncheckedUpdateInput { return { title: body.title, authorId: body.author.id }; }");
    const handlers = flat(file(output, "src/generated/handlers/post.handlers.ts"));
    expect(handlers).toContain("if (request.body.author !== undefined) await context.services.author.getById(request.body.author.id); const record = await context.services.post.create(createPostData(request.body));");
    expect(handlers).toContain("await context.services.author.getById(request.body.author.id); const record = await context.services.post.updateById(");
  });

  it("a required, non-nullable object for an optional relation cannot be answered: the operation gets a handler to write, and says why", () => {
    const reasons = output.diagnostics.filter((d) => d.code === "VX511").map((d) => d.message);
    expect(reasons).toEqual([expect.stringContaining("Comment.post may be absent but the required property 'post' is not nullable")]);
    expect(output.ir.diagnostics.filter((d) => d.code === "VX303").map((d) => d.message)).toEqual([
      "Comment.post is optional but the required property 'post' is not nullable; a Comment without one cannot be returned",
    ]);
  });

  it("a request object with no key to connect by is not written (VX326); the keyed one is", () => {
    const mapper = flat(file(output, "src/generated/mappers/comment.mapper.ts"));
    expect(mapper).toContain("export function createCommentData(body: Req.NewComment): Prisma.CommentUncheckedCreateInput { return { text: body.text, authorId: body.author.id }; }");
    expect(output.ir.diagnostics.filter((d) => d.code === "VX326").map((d) => d.message)).toEqual([
      "request property 'post' stands for Comment.post but has no required, writable 'id' (the Post key the relation references) to connect by; it is not written",
    ]);
  });
});
