import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { factoryValue } from "../../generators/shared/factoryValue.js";
import type { ColumnField } from "../../generators/shared/modelView.js";
import { generateFixture } from "./helpers/generateFixture.js";

const source = { kind: "prisma" as const, file: "schema.prisma", line: 1, column: 1 };
function column({ name, type, nativeType }: { name: string; type: "String" | "Int"; nativeType?: { name: string; args: string[] } }): ColumnField {
  return { kind: "scalar", name, dbName: name, type, isList: false, isRequired: true, isId: false, isUnique: false, isUpdatedAt: false, isForeignKey: false, ...(nativeType ? { nativeType } : {}), source };
}

/** The factory's expression evaluated for the counter `i`, as the generated factory does. */
function valueAt({ code, i }: { code: string; i: number }): unknown {
  return (new Function("i", `return ${code};`) as (i: number) => unknown)(i);
}

describe("factoryValue: a test factory's value fits the column's native type", () => {
  it("gives a @db.Uuid column a UUID, unique per row (PostgreSQL rejects `id-1`)", () => {
    const code = factoryValue(column({ name: "id", type: "String", nativeType: { name: "Uuid", args: [] } }));
    const values = [1, 2, 123_456].map((i) => valueAt({ code, i }));
    for (const value of values) expect(value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(values).size).toBe(3);
    // Never a request example's UUID (`00000000-0000-4000-8000-<seed>`): tests create both kinds of rows side by side.
    for (const value of values) expect(value).not.toContain("-8000-");
  });

  it("keeps a @db.VarChar(n) or @db.Char(n) value within n characters, still unique per row", () => {
    for (const [name, length] of [["country", 2], ["referrerDomain", 10], ["apiKeyHash", 11], ["shortName", 35]] as const) {
      const code = factoryValue(column({ name, type: "String", nativeType: { name: name === "country" ? "Char" : "VarChar", args: [String(length)] } }));
      const values = [1, 9, 42, 99].map((i) => String(valueAt({ code, i })));
      for (const value of values) expect(value.length, `${name}: ${value}`).toBeLessThanOrEqual(length);
      expect(new Set(values).size, name).toBe(4);
    }
  });

  it("leaves long enough and unbounded text as `<name>-<i>` and an email as an address", () => {
    expect(valueAt({ code: factoryValue(column({ name: "title", type: "String", nativeType: { name: "VarChar", args: ["255"] } })), i: 3 })).toBe("title-3");
    expect(valueAt({ code: factoryValue(column({ name: "title", type: "String", nativeType: { name: "Text", args: [] } })), i: 3 })).toBe("title-3");
    expect(valueAt({ code: factoryValue(column({ name: "email", type: "String" })), i: 3 })).toBe("factory3@example.com");
    expect(valueAt({ code: factoryValue(column({ name: "count", type: "Int" })), i: 3 })).toBe(3);
  });
});

describe("test factories of a PostgreSQL schema with native types and a constant key", () => {
  it("gives @db.Uuid and short @db.VarChar columns fitting values, and a key defaulting to a constant a value per row", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vx-factories-"));
    const prisma = join(dir, "schema.prisma");
    await writeFile(
      prisma,
      [
        'datasource db {\n  provider = "postgresql"\n}',
        "model Website {\n  id      String @id @db.Uuid\n  name    String @db.VarChar(100)\n  country String @db.Char(2)\n}",
        "model Settings {\n  id      Int     @id @default(1)\n  open    Boolean @default(false)\n}",
      ].join("\n\n"),
    );
    const output = await generateFixture({ prisma });
    const factories = output.files.find((f) => f.path === "test/generated/support/factories.ts")?.content ?? "";
    expect(factories).toContain('id: `00000000-0000-4000-a000-${String(i).padStart(12, "0")}`,\n          name: `name-${i}`,\n          country: String(i).padStart(2, "0"),\n');
    // Two rows of the settings table would both take id 1 (and the API tests create ids 1, 2...): 100_000 + i; the
    // default of a column without a key stays the database's.
    expect(factories).toContain("prisma.settings.create({ data: { id: 100_000 + i, ...overrides } })");
  });
});
