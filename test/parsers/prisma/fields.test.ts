import { describe, expect, it } from "vitest";
import { POSTGRES, findModel, readValidSchema } from "./readSchemaText.js";

const schema = `${POSTGRES}
enum Status {
  ACTIVE
  GONE
}

/// A person who writes.
model Author {
  id        Int      @id @default(autoincrement())
  /// Login name.
  email     String   @unique @db.VarChar(255)
  name      String?  @map("display_name")
  tags      String[]
  status    Status   @default(ACTIVE)
  statuses  Status[]
  score     Decimal  @db.Decimal(10, 2)
  updatedAt DateTime @updatedAt @db.Timestamptz(6)
  location  Unsupported("point")?
  posts     Post[]
}

model Post {
  id       Int    @id
  authorId Int
  author   Author @relation(fields: [authorId], references: [id])
}
`;

describe("readPrisma: fields", async () => {
  const db = await readValidSchema({ text: schema });
  const author = findModel({ db, name: "Author" });
  const field = (name: string) => author.fields.find((f) => f.name === name);

  it("keeps schema order, Unsupported fields included", () => {
    expect(author.fields.map((f) => f.name)).toEqual([
      "id",
      "email",
      "name",
      "tags",
      "status",
      "statuses",
      "score",
      "updatedAt",
      "location",
      "posts",
    ]);
  });

  it.each([
    [
      "id",
      { kind: "scalar", type: "Int", isId: true, isRequired: true, isList: false, default: { kind: "autoincrement" } },
    ],
    [
      "email",
      {
        kind: "scalar",
        type: "String",
        isUnique: true,
        nativeType: { name: "VarChar", args: ["255"] },
        documentation: "Login name.",
      },
    ],
    ["name", { kind: "scalar", dbName: "display_name", isRequired: false }],
    ["tags", { kind: "scalar", type: "String", isList: true }],
    ["status", { kind: "enum", type: "Status", default: { kind: "literal", value: "ACTIVE" } }],
    ["statuses", { kind: "enum", type: "Status", isList: true }],
    ["score", { kind: "scalar", type: "Decimal", nativeType: { name: "Decimal", args: ["10", "2"] } }],
    [
      "updatedAt",
      { kind: "scalar", type: "DateTime", isUpdatedAt: true, nativeType: { name: "Timestamptz", args: ["6"] } },
    ],
    ["location", { kind: "scalar", type: "Unsupported", isRequired: false, isList: false }],
    ["posts", { kind: "relation", type: "Post", isList: true, fromFields: [], toFields: [] }],
  ])("%s", (name, expected) => {
    expect(field(name)).toMatchObject(expected);
  });

  it("maps db names and leaves unmapped names as they are", () => {
    expect(field("name")).toMatchObject({ name: "name", dbName: "display_name" });
    expect(field("email")).toMatchObject({ dbName: "email" });
  });

  it("marks foreign-key columns and nothing else", () => {
    const post = findModel({ db, name: "Post" });
    expect(post.fields.filter((f) => "isForeignKey" in f && f.isForeignKey).map((f) => f.name)).toEqual(["authorId"]);
    expect(post.fields.find((f) => f.name === "author")).toMatchObject({
      kind: "relation",
      fromFields: ["authorId"],
      toFields: ["id"],
    });
  });

  it("carries model documentation", () => {
    expect(author.documentation).toBe("A person who writes.");
  });
});
