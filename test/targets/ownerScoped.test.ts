import { beforeAll, describe, expect, it } from "vitest";
import type { RenderOutput } from "../../src/targets/TargetPlugin.js";
import { generateFixture } from "./helpers/generateFixture.js";

// What the generated code of owner-scoped operations (x-vx-owner) is, planned from the binding: the secured fixture's
// documents, with the config's two ways of treating a body that sets the owner.

const openapi = "fixtures/secured/openapi.yaml";
const prisma = "fixtures/secured/schema.prisma";

function file(output: RenderOutput, path: string): string {
  const found = output.files.find((f) => f.path === path);
  if (!found) throw new Error(`${path} not generated`);
  return found.content;
}

describe("owner-scoped operations (x-vx-owner) as generated", () => {
  let rejecting: RenderOutput;
  let ignoring: RenderOutput;
  beforeAll(async () => {
    rejecting = await generateFixture({ openapi, prisma });
    ignoring = await generateFixture({ openapi, prisma, options: { auth: { ownerInBody: "ignore" } } });
  });

  it("scopes the list and its count to the caller, after every filter, and never filters by the owner column", () => {
    const handlers = file(rejecting, "src/generated/handlers/document.handlers.ts");
    const list = handlers.slice(handlers.indexOf("export const listDocuments"), handlers.indexOf("export const createDocument"));
    expect(list).toContain("const owner = ownerOf(context.auth);");
    expect(list).toMatch(/title: request\.query\.title \}\),\s+ownerId: owner,\s+\};/);
    expect(list).not.toContain("request.query.ownerId");
    expect(list).toContain("count(where)");
  });

  it("puts the owner in the where of the one query of get, update and delete", () => {
    const handlers = file(rejecting, "src/generated/handlers/document.handlers.ts");
    expect(handlers).toContain("getOwnedById({ id: request.params.documentId, owner })");
    expect(handlers).toMatch(/updateOwnedById\(\{\s+id: request\.params\.documentId,\s+owner,/);
    expect(handlers).toContain("deleteOwnedById({ id: request.params.documentId, owner })");
    const repository = file(rejecting, "src/generated/repositories/document.repository.ts");
    for (const call of ["findUnique", "update", "delete"]) expect(repository).toMatch(new RegExp(`\\.${call}\\(\\{ where: \\{ id, ownerId: owner \\}`));
    const service = file(rejecting, "src/generated/services/document.service.base.ts");
    expect(service).toMatch(/async getOwnedById\(input: \{ id: number; owner: string \}\)[^]*throw notFound/);
  });

  it("creates with the caller as the owner; the body's owner is never mapped", () => {
    const mapper = file(rejecting, "src/generated/mappers/document.mapper.ts");
    expect(mapper).toMatch(/createDocumentData\(\{\s+body,\s+owner,\s+\}: \{\s+body: Req\.Document;\s+owner: string;/);
    expect(mapper).toContain("return { title: body.title, ownerId: owner };");
    expect(mapper).not.toContain("body.ownerId");
    const handlers = file(rejecting, "src/generated/handlers/document.handlers.ts");
    expect(handlers).toContain("createDocumentData({ body: request.body, owner })");
  });

  it("rejects a body that sets the owner by default, and only leaves it out with ownerInBody: ignore", () => {
    const rejected = file(rejecting, "src/generated/handlers/document.handlers.ts");
    expect(rejected.match(/if \(request\.body\.ownerId !== undefined\) throw ownerSetByBody\("ownerId"\);/g)).toHaveLength(2);
    const ignored = file(ignoring, "src/generated/handlers/document.handlers.ts");
    expect(ignored).not.toContain("ownerSetByBody");
    expect(ignored).toContain('import { ownerOf } from "../runtime/ownerOf.js";');
    expect(file(ignoring, "src/generated/mappers/document.mapper.ts")).not.toContain("body.ownerId");
  });

  it("rejects with an ownerInBody it does not know (given in code, past the config schema): never silently ignored", async () => {
    const unknown = await generateFixture({ openapi, prisma, options: { auth: { ownerInBody: "drop" as "ignore" } } });
    expect(file(unknown, "src/generated/handlers/document.handlers.ts")).toContain('throw ownerSetByBody("ownerId")');
  });

  it("leaves the models without an owner as they were, and ships ownerOf with its tests", () => {
    expect(file(rejecting, "src/generated/handlers/note.handlers.ts")).not.toContain("owner");
    expect(file(rejecting, "src/generated/repositories/note.repository.ts")).not.toContain("Owned");
    expect(file(rejecting, "src/generated/runtime/ownerOf.ts")).toContain("export function ownerOf");
    expect(file(rejecting, "test/generated/runtime/ownerOf.test.ts")).toContain('describe("ownerOf"');
  });

  it("tests the model as two callers, never sending the owner, and pages the test caller's own rows", () => {
    const tests = file(rejecting, "test/generated/document.test.ts");
    expect(tests).toContain('import { actAs } from "./support/testClient.js";');
    expect(tests).toContain("each caller reads and changes only their own rows (x-vx-owner: ownerId)");
    expect(tests).toContain('await api.factories.document({ ownerId: "owner-b" })');
    expect(tests).toContain("expect(await api.prisma.document.findUnique({ where: { id: theirs.id } })).toEqual(theirs);");
    expect(tests).toMatch(/code: "VALIDATION_ERROR",\s+status: 400/);
    expect(tests).toContain('for (let i = 0; i < 3; i++) await api.factories.document({ ownerId: "test-user" });');
    expect(tests).not.toMatch(/const (body|patch) = \{[^}]*ownerId/);
    expect(tests).not.toContain("new URLSearchParams({ limit: \"100\", ownerId");
    expect(file(ignoring, "test/generated/document.test.ts")).not.toContain("const forged");
  });
});

describe("owner-scoped nested routes", () => {
  it("filter the nested list by the parent and the owner, and create with both", async () => {
    const { mkdtemp, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = await mkdtemp(join(tmpdir(), "vx-owner-"));
    await writeFile(
      join(dir, "openapi.yaml"),
      `openapi: 3.1.0
info: { title: Folders, version: "1" }
security: [{ bearer: [] }]
paths:
  /folders/{folderId}/documents:
    x-vx-owner: ownerId
    parameters: [{ name: folderId, in: path, required: true, schema: { type: integer } }]
    get:
      responses:
        "200": { description: ok, content: { application/json: { schema: { type: array, items: { $ref: "#/components/schemas/Document" } } } } }
    post:
      requestBody: { required: true, content: { application/json: { schema: { $ref: "#/components/schemas/Document" } } } }
      responses:
        "201": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Document" } } } }
components:
  securitySchemes: { bearer: { type: http, scheme: bearer } }
  schemas:
    Document:
      type: object
      required: [title]
      properties:
        id: { type: integer, readOnly: true }
        title: { type: string }
        ownerId: { type: string, readOnly: true }
`,
    );
    await writeFile(
      join(dir, "schema.prisma"),
      `datasource db {
  provider = "sqlite"
}
model Folder {
  id        Int        @id @default(autoincrement())
  documents Document[]
}
model Document {
  id       Int    @id @default(autoincrement())
  title    String
  ownerId  String
  folderId Int
  folder   Folder @relation(fields: [folderId], references: [id])
}
`,
    );
    const output = await generateFixture({ openapi: join(dir, "openapi.yaml"), prisma: join(dir, "schema.prisma") });
    const handlers = file(output, "src/generated/handlers/document.handlers.ts");
    expect(handlers).toMatch(/const where: Prisma\.DocumentWhereInput = \{ folderId: parentRecord\.id, ownerId: owner \};/);
    expect(handlers).toContain("body: request.body, parent: parentRecord.id, owner");
    // A readOnly owner column is the validator's to refuse: no handler check is needed.
    expect(handlers).not.toContain("ownerSetByBody");
    expect(file(output, "src/generated/mappers/document.mapper.ts")).toMatch(/folderId: parent, ownerId: owner/);
  });
});
