import { describe, expect, it } from "vitest";
import { POSTGRES, findModel, readValidSchema } from "./readSchemaText.js";

describe("readPrisma: keys, uniques and indexes", () => {
  it.each([
    { name: "single @id", body: "id Int @id", primaryKey: { fields: ["id"] } },
    { name: "composite @@id", body: "a Int\n  b Int\n  @@id([a, b])", primaryKey: { fields: ["a", "b"] } },
    {
      name: "named @@id",
      body: 'a Int\n  b Int\n  @@id(name: "ab", fields: [a, b])',
      primaryKey: { name: "ab", fields: ["a", "b"] },
    },
    { name: "no id, only unique", body: "a Int @unique", primaryKey: null },
  ])("$name", async ({ body, primaryKey }) => {
    const db = await readValidSchema({ text: `${POSTGRES}model T {\n  ${body}\n}\n` });
    expect(findModel({ db, name: "T" }).primaryKey).toEqual(primaryKey);
  });

  it("collects @unique and @@unique (named or not) and @@index", async () => {
    const db = await readValidSchema({
      text: `${POSTGRES}model T {
  id    Int    @id
  email String @unique
  a     Int
  b     Int
  c     Int
  @@unique([a, b])
  @@unique([b, c], name: "bc")
  @@index([c])
  @@index([a, c], map: "t_a_c_idx")
  @@map("t_table")
}
`,
    });
    const t = findModel({ db, name: "T" });
    expect(t.dbName).toBe("t_table");
    expect(t.uniques).toHaveLength(3);
    expect(t.uniques).toEqual(
      expect.arrayContaining([{ fields: ["email"] }, { fields: ["a", "b"] }, { name: "bc", fields: ["b", "c"] }]),
    );
    expect(t.indexes).toEqual(
      expect.arrayContaining([
        { fields: ["c"], type: "index" },
        { name: "t_a_c_idx", fields: ["a", "c"], type: "index" },
      ]),
    );
    expect(t.indexes).toHaveLength(2);
  });

  it("reads @@fulltext (MySQL) as a fulltext index", async () => {
    const db = await readValidSchema({
      text: 'datasource db {\n  provider = "mysql"\n}\nmodel T {\n  id Int @id\n  title String\n  body String @db.Text\n  @@fulltext([title, body])\n}\n',
    });
    expect(db.provider).toBe("mysql");
    expect(findModel({ db, name: "T" }).indexes).toEqual([{ fields: ["title", "body"], type: "fulltext" }]);
  });
});
