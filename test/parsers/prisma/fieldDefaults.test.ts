import { describe, expect, it } from "vitest";
import type { FieldDefault } from "../../../src/ir/types.js";
import { POSTGRES, findModel, readValidSchema } from "./readSchemaText.js";

const cases: { declaration: string; expected: FieldDefault | undefined }[] = [
  { declaration: "Int @default(autoincrement())", expected: { kind: "autoincrement" } },
  // Prisma fills in the version a bare uuid()/cuid() uses (4 and 1).
  { declaration: "String @default(uuid())", expected: { kind: "uuid", version: 4 } },
  { declaration: "String @default(uuid(7))", expected: { kind: "uuid", version: 7 } },
  { declaration: "String @default(cuid())", expected: { kind: "cuid", version: 1 } },
  { declaration: "String @default(cuid(2))", expected: { kind: "cuid", version: 2 } },
  { declaration: "String @default(nanoid())", expected: { kind: "nanoid" } },
  { declaration: "String @default(nanoid(8))", expected: { kind: "nanoid" } },
  { declaration: "String @default(ulid())", expected: { kind: "ulid" } },
  { declaration: "DateTime @default(now())", expected: { kind: "now" } },
  {
    declaration: 'String @default(dbgenerated("gen_random_uuid()")) @db.Uuid',
    expected: { kind: "dbgenerated", expression: "gen_random_uuid()" },
  },
  { declaration: "String @default(dbgenerated())", expected: { kind: "dbgenerated" } },
  {
    declaration: 'String @default("hello // not a comment")',
    expected: { kind: "literal", value: "hello // not a comment" },
  },
  { declaration: "Int @default(42)", expected: { kind: "literal", value: 42 } },
  { declaration: "Float @default(1.5)", expected: { kind: "literal", value: 1.5 } },
  { declaration: "Decimal @default(2.25)", expected: { kind: "literal", value: 2.25 } },
  { declaration: "BigInt @default(9007199254740993)", expected: { kind: "literal", value: "9007199254740993" } },
  { declaration: "Boolean @default(false)", expected: { kind: "literal", value: false } },
  { declaration: "Role @default(ADMIN)", expected: { kind: "literal", value: "ADMIN" } },
  { declaration: "Role[] @default([USER, ADMIN])", expected: { kind: "literal", value: ["USER", "ADMIN"] } },
  { declaration: 'String[] @default(["a", "b"])', expected: { kind: "literal", value: ["a", "b"] } },
  { declaration: 'Json @default("{\\"a\\": [1, 2]}")', expected: { kind: "literal", value: { a: [1, 2] } } },
  { declaration: "String?", expected: undefined },
];

describe("readPrisma: field defaults", () => {
  it.each(cases)("$declaration", async ({ declaration, expected }) => {
    const db = await readValidSchema({
      text: `${POSTGRES}enum Role {\n  USER\n  ADMIN\n}\n\nmodel T {\n  id Int @id\n  value ${declaration}\n}\n`,
    });
    const field = findModel({ db, name: "T" }).fields.find((f) => f.name === "value");
    expect(field && "default" in field ? field.default : undefined).toEqual(expected);
  });

  it("reads sequence() and auto() on the providers that have them", async () => {
    const cockroach = await readValidSchema({
      text: 'datasource db {\n  provider = "cockroachdb"\n}\nmodel T {\n  id BigInt @id @default(sequence())\n}\n',
    });
    const mongo = await readValidSchema({
      text: 'datasource db {\n  provider = "mongodb"\n}\nmodel T {\n  id String @id @default(auto()) @map("_id") @db.ObjectId\n}\n',
    });
    const idOf = (db: typeof mongo) => findModel({ db, name: "T" }).fields[0];
    expect(idOf(cockroach)).toMatchObject({ kind: "scalar", type: "BigInt", default: { kind: "sequence" } });
    expect(idOf(mongo)).toMatchObject({
      dbName: "_id",
      default: { kind: "auto" },
      nativeType: { name: "ObjectId", args: [] },
    });
  });
});
