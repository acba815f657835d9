import { describe, expect, it } from "vitest";
import { POSTGRES, findModel, readSchemaText, readValidSchema } from "./readSchemaText.js";

describe("readPrisma: enums, views and composite types", () => {
  it("reads enums with @map values and @@map, sorted by name, with sources", async () => {
    const db = await readValidSchema({
      text: `${POSTGRES}
/// Who may do what.
enum Role {
  USER  @map("user")
  ADMIN // comment after a value
  @@map("roles")
}

enum Color {
  RED
}

model T {
  id   Int  @id
  role Role
}
`,
    });
    expect(db.enums.map((e) => e.name)).toEqual(["Color", "Role"]);
    expect(db.enums[1]).toMatchObject({
      kind: "enum",
      name: "Role",
      dbName: "roles",
      documentation: "Who may do what.",
      values: [
        { name: "USER", dbName: "user" },
        { name: "ADMIN", dbName: "ADMIN" },
      ],
      source: { kind: "prisma", block: "Role", line: 6, column: 1 },
    });
    expect(db.enums[0]).toMatchObject({ dbName: "Color", source: { line: 12 } });
  });

  it("reads view blocks into views, apart from models", async () => {
    const db = await readValidSchema({
      text: `generator client {
  provider        = "prisma-client"
  output          = "./generated"
  previewFeatures = ["views"]
}
${POSTGRES}
model User {
  id    Int    @id
  email String @unique
}

view UserInfo {
  id    Int    @unique
  email String
  @@map("user_info")
}
`,
    });
    expect(db.models.map((m) => m.name)).toEqual(["User"]);
    expect(db.views).toHaveLength(1);
    expect(db.views[0]).toMatchObject({
      kind: "view",
      name: "UserInfo",
      dbName: "user_info",
      primaryKey: null,
      uniques: [{ fields: ["id"] }],
    });
    expect(db.views[0]?.source).toMatchObject({ line: 15, column: 1, block: "UserInfo" });
  });

  it("warns (VX207) about a required column only the database's own trigger fills (dbgenerated() with no expression)", async () => {
    // civitai's `Image.sortAt DateTime @default(dbgenerated())`, filled by a trigger of its migrations
    const { db, diagnostics, file } = await readSchemaText({
      text: `${POSTGRES}model Image {\n  id     Int      @id\n  sortAt DateTime @default(dbgenerated())\n  at     DateTime @default(dbgenerated("now()"))\n  seen   DateTime? @default(dbgenerated())\n}\n`,
    });
    expect(db?.models[0]?.fields.find((f) => f.name === "sortAt")).toMatchObject({ default: { kind: "dbgenerated" } });
    expect(diagnostics.map((d) => [d.code, d.severity, d.location?.file, d.location?.line])).toEqual([["VX207", "warning", file, 6]]);
    expect(diagnostics[0]?.message).toContain("Image.sortAt defaults to dbgenerated() with no expression");
  });

  it("warns (VX205) about a view with no unique identifier", async () => {
    const { db, diagnostics, file } = await readSchemaText({
      text:
        'generator client {\n  provider        = "prisma-client-js"\n  previewFeatures = ["views"]\n}\n' +
        `${POSTGRES}view Totals {\n  day   DateTime\n  total Int\n}\n`,
    });
    expect(db?.views[0]).toMatchObject({ name: "Totals", primaryKey: null, uniques: [] });
    expect(diagnostics.map((d) => [d.code, d.severity, d.location?.file, d.location?.line])).toEqual([
      ["VX205", "warning", file, 8],
    ]);
  });

  it("reads MongoDB composite types and fields typed by them", async () => {
    const db = await readValidSchema({
      text: `datasource db {
  provider = "mongodb"
}

type Address {
  street String
  zip    String? @map("zip_code")
  geo    Geo?
}

type Geo {
  lat Float
  lng Float
}

model Customer {
  id        String    @id @default(auto()) @map("_id") @db.ObjectId
  address   Address
  previous  Address[]
}
`,
    });
    expect(db.provider).toBe("mongodb");
    expect(db.compositeTypes.map((t) => t.name)).toEqual(["Address", "Geo"]);
    expect(db.compositeTypes[0]).toMatchObject({
      kind: "compositeType",
      source: { line: 5, column: 1 },
      fields: [
        { kind: "composite", name: "street", type: "String", isRequired: true, source: { line: 6, column: 3 } },
        { kind: "composite", name: "zip", dbName: "zip_code", isRequired: false },
        { kind: "composite", name: "geo", type: "Geo", isRequired: false },
      ],
    });
    const customer = findModel({ db, name: "Customer" });
    expect(customer.fields.slice(1)).toMatchObject([
      { kind: "composite", name: "address", type: "Address", isList: false },
      { kind: "composite", name: "previous", type: "Address", isList: true },
    ]);
    expect(db.relations).toEqual([]);
  });
});
