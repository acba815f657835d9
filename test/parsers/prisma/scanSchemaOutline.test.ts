import { describe, expect, it } from "vitest";
import { scanSchemaOutline } from "../../../src/parsers/prisma/scanSchemaOutline.js";

const text = `// model Commented {  (a comment, not a block)
generator client {
  provider = "prisma-client" // trailing { brace in a comment
}

datasource db {
  provider = "postgresql"
}

/// Doc comment { with a brace
model User {
  id    Int     @id // comment }
  url   String  @default("http://x.y/{z}") // a // and braces in a string
  // note   String   (commented-out field)
  loc   Unsupported("point")?
  tags  String[]
  @@map("users")
}

  view   Report{
	total Int
}

enum Role {
  A
  B @map("b")
}

type Point {
  x Float
}
`;

describe("scanSchemaOutline", () => {
  const blocks = scanSchemaOutline({ file: "s.prisma", text });

  it("finds block headers with their kind, line and column, skipping commented ones", () => {
    expect(blocks.map((b) => [b.kind, b.name, b.line, b.column, b.endLine])).toEqual([
      ["generator", "client", 2, 1, 4],
      ["datasource", "db", 6, 1, 8],
      ["model", "User", 11, 1, 18],
      ["view", "Report", 20, 3, 22],
      ["enum", "Role", 24, 1, 27],
      ["type", "Point", 29, 1, 31],
    ]);
  });

  it("finds one member per field line, ignoring comments, strings and block attributes", () => {
    const user = blocks.find((b) => b.name === "User");
    expect(user?.members.map((m) => [m.name, m.line, m.column, m.typeText])).toEqual([
      ["id", 12, 3, "Int"],
      ["url", 13, 3, "String"],
      ["loc", 15, 3, 'Unsupported("point")?'],
      ["tags", 16, 3, "String[]"],
    ]);
  });

  it("reads tab-indented fields, enum values and config properties", () => {
    expect(blocks.find((b) => b.name === "Report")?.members).toEqual([
      { name: "total", line: 21, column: 2, typeText: "Int" },
    ]);
    expect(blocks.find((b) => b.name === "Role")?.members.map((m) => [m.name, m.line, m.typeText])).toEqual([
      ["A", 25, ""],
      ["B", 26, ""],
    ]);
    expect(blocks.find((b) => b.name === "db")?.members).toEqual([
      { name: "provider", line: 7, column: 3, typeText: "", value: '"postgresql"' },
    ]);
  });

  it("handles CRLF line endings", () => {
    const crlf = scanSchemaOutline({
      file: "c.prisma",
      text: "model A {\r\n  id Int @id\r\n}\r\nenum E {\r\n  X\r\n}\r\n",
    });
    expect(crlf.map((b) => [b.name, b.line, b.endLine, b.members.map((m) => m.line)])).toEqual([
      ["A", 1, 3, [2]],
      ["E", 4, 6, [5]],
    ]);
  });
});
