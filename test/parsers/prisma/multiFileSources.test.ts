import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readPrisma } from "../../../src/parsers/prisma/readPrisma.js";
import { findModel } from "./readSchemaText.js";

const root = join("fixtures", "prisma", "multi-file");
const userFile = join(root, "models", "user.prisma");
const postFile = join(root, "models", "blog", "post.prisma");

describe("readPrisma: multi-file schema folder and sources", async () => {
  const { db, diagnostics } = await readPrisma({ path: root });

  it("reads every .prisma file below the folder, recursively and sorted", () => {
    expect(diagnostics).toEqual([]);
    expect(db?.file).toBe(root);
    expect(db?.files).toEqual([postFile, userFile, join(root, "schema.prisma")].sort());
    expect(db?.provider).toBe("postgresql");
    expect(db?.models.map((m) => m.name)).toEqual(["Post", "User"]);
  });

  it("gives models, fields and enums the file, line and column where they are declared", () => {
    const user = findModel({ db: db!, name: "User" });
    const post = findModel({ db: db!, name: "Post" });
    expect(user.source).toEqual({ kind: "prisma", file: userFile, block: "User", line: 6, column: 1 });
    expect(user.fields.map((f) => [f.name, f.source.line, f.source.column])).toEqual([
      ["id", 7, 3],
      ["email", 8, 3],
      ["role", 9, 3],
      ["posts", 10, 3],
    ]);
    expect(user.fields[1]?.source).toEqual({
      kind: "prisma",
      file: userFile,
      block: "User",
      field: "email",
      line: 8,
      column: 3,
    });
    expect(post.source).toMatchObject({ file: postFile, line: 2, column: 1 });
    expect(post.fields.find((f) => f.name === "author")?.source).toMatchObject({ file: postFile, line: 6, column: 5 });
    expect(db?.enums[0]?.source).toEqual({ kind: "prisma", file: userFile, block: "Role", line: 1, column: 1 });
  });

  it("links models across files", () => {
    expect(db?.relations).toEqual([
      {
        kind: "relation",
        name: "PostToUser",
        type: "1-n",
        implicit: false,
        self: false,
        from: { model: "Post", field: "author", fields: ["authorId"] },
        to: { model: "User", field: "posts", fields: ["id"] },
        onDelete: "Cascade",
      },
    ]);
    const post = findModel({ db: db!, name: "Post" });
    expect(post.documentation).toBe("A blog post, in a nested folder.");
    expect(post.indexes).toEqual([{ fields: ["authorId"], type: "index" }]);
    expect(post.fields.find((f) => f.name === "authorId")).toMatchObject({ dbName: "author_id", isForeignKey: true });
  });

  it("reads one file of the folder alone when pointed at it", async () => {
    const single = await readPrisma({ path: join(root, "schema.prisma") });
    expect(single.diagnostics).toEqual([]);
    expect(single.db?.files).toEqual([join(root, "schema.prisma")]);
    expect(single.db?.models).toEqual([]);
  });
});
