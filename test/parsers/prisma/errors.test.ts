import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readPrisma } from "../../../src/parsers/prisma/readPrisma.js";
import { readSchemaText, writeTempSchema } from "./readSchemaText.js";

const fixtures = join("fixtures", "prisma");
const located = (d: { code: string; location?: { file: string; line?: number; column?: number } }) => ({
  code: d.code,
  file: d.location?.file,
  line: d.location?.line,
  column: d.location?.column,
});

describe("readPrisma: Prisma's errors as VX200, every one collected", () => {
  it("syntax errors: one diagnostic per bad line, at Prisma's line and column", async () => {
    const file = join(fixtures, "syntax-error", "schema.prisma");
    const { db, diagnostics } = await readPrisma({ path: file });
    expect(db).toBeNull();
    expect(diagnostics.map(located)).toEqual([
      { code: "VX200", file, line: 8, column: 3 },
      { code: "VX200", file, line: 14, column: 3 },
    ]);
    expect(diagnostics[0]?.message).toBe("This line is not a valid field or attribute definition.");
    expect(diagnostics.every((d) => d.severity === "error")).toBe(true);
  });

  it("validation errors: unknown related model and unknown referenced field", async () => {
    const file = join(fixtures, "validation-error", "schema.prisma");
    const { db, diagnostics } = await readPrisma({ path: file });
    expect(db).toBeNull();
    expect(diagnostics.map(located)).toEqual([
      { code: "VX200", file, line: 9, column: 12 },
      { code: "VX200", file, line: 15, column: 17 },
    ]);
    expect(diagnostics[0]?.message).toContain('Type "Author" is neither a built-in type');
    expect(diagnostics[1]?.message).toContain("do not exist in the related model: nope");
  });

  it("names the file inside a multi-file schema folder", async () => {
    const { db, diagnostics } = await readPrisma({ path: join(fixtures, "multi-file-error") });
    expect(db).toBeNull();
    expect(diagnostics.map(located)).toEqual([
      { code: "VX200", file: join(fixtures, "multi-file-error", "models", "post.prisma"), line: 3, column: 12 },
    ]);
  });

  it("counts columns as editors do (UTF-16), whatever the UTF-8 length of the text before", async () => {
    const { diagnostics } = await readSchemaText({
      text: 'datasource db {\n  provider = "sqlite"\n}\n/// Überschrift — 😀 ein Modell\nmodel T {\n  id Int @id\n  a String @default("äö—😀") @bogus\n}\n',
    });
    expect(diagnostics.map((d) => [d.code, d.location?.line, d.location?.column])).toEqual([["VX200", 7, 30]]);
    expect(diagnostics[0]?.message).toContain("@bogus");
  });

  it("reports an unknown provider through Prisma", async () => {
    const { db, diagnostics } = await readSchemaText({ text: 'datasource db {\n  provider = "oracle"\n}\n' });
    expect(db).toBeNull();
    expect(diagnostics.map((d) => [d.code, d.location?.line])).toEqual([["VX200", 2]]);
  });
});

describe("readPrisma: input problems", () => {
  it("missing path: VX001", async () => {
    const { db, diagnostics } = await readPrisma({ path: join(fixtures, "does-not-exist.prisma") });
    expect(db).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(["VX001"]);
  });

  it("folder without .prisma files: VX201", async () => {
    const dir = await writeTempSchema({ files: { "README.md": "# nothing here\n", "sub/notes.txt": "x" } });
    const { db, diagnostics } = await readPrisma({ path: dir });
    expect(db).toBeNull();
    expect(diagnostics.map((d) => [d.code, d.severity, d.location?.file])).toEqual([["VX201", "error", dir]]);
  });

  it("folder whose .prisma files are all empty: VX201 after the VX004 warnings", async () => {
    const dir = await writeTempSchema({ files: { "a.prisma": "", "b.prisma": "\n" } });
    const { db, diagnostics } = await readPrisma({ path: dir });
    expect(db).toBeNull();
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ["VX004", "warning"],
      ["VX004", "warning"],
      ["VX201", "error"],
    ]);
  });

  it("empty file: VX004", async () => {
    const { db, diagnostics } = await readSchemaText({ text: "  \n\n" });
    expect(db).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(["VX004"]);
  });

  it("binary file: VX003", async () => {
    const dir = await writeTempSchema({
      files: { "schema.prisma": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]) },
    });
    const { db, diagnostics } = await readPrisma({ path: join(dir, "schema.prisma") });
    expect(db).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(["VX003"]);
  });

  it("a binary file inside a schema folder stops the read; an empty one only warns", async () => {
    const base = 'datasource db {\n  provider = "sqlite"\n}\n';
    const binary = await writeTempSchema({ files: { "schema.prisma": base, "bad.prisma": Buffer.from([0, 1, 2]) } });
    const binaryResult = await readPrisma({ path: binary });
    expect(binaryResult.db).toBeNull();
    expect(binaryResult.diagnostics.map((d) => [d.code, d.location?.file])).toEqual([
      ["VX003", join(binary, "bad.prisma")],
    ]);

    const empty = await writeTempSchema({ files: { "schema.prisma": base, "empty.prisma": "" } });
    const emptyResult = await readPrisma({ path: empty });
    expect(emptyResult.db?.files).toEqual([join(empty, "schema.prisma")]);
    expect(emptyResult.diagnostics.map((d) => [d.code, d.severity])).toEqual([["VX004", "warning"]]);
  });

  it("schema without a datasource: VX202 error and no IR", async () => {
    const { db, diagnostics, file } = await readSchemaText({ text: "model T {\n  id Int @id\n}\n" });
    expect(db).toBeNull();
    expect(diagnostics.map((d) => [d.code, d.severity, d.location?.file])).toEqual([["VX202", "error", file]]);
  });

  it("skips hidden folders and node_modules inside a schema folder", async () => {
    const dir = await writeTempSchema({
      files: {
        "schema.prisma": 'datasource db {\n  provider = "sqlite"\n}\nmodel T {\n  id Int @id\n}\n',
        "node_modules/pkg/other.prisma": "model T {\n  id Int @id\n}\n",
        ".cache/old.prisma": "model T {\n  id Int @id\n}\n",
      },
    });
    const { db, diagnostics } = await readPrisma({ path: dir });
    expect(diagnostics).toEqual([]);
    expect(db?.files).toEqual([join(dir, "schema.prisma")]);
  });
});
