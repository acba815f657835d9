import type { RelationField } from "../../src/ir/types.js";
import type { ColumnField, ModelView } from "./modelView.js";
import { tsString } from "../../src/emit/tsString.js";

function valueFor(column: ColumnField): string {
  if (column.kind === "enum") return "undefined";
  const lower = column.name.toLowerCase();
  switch (column.type) {
    case "String":
      return lower.includes("email") ? "`factory${i}@example.com`" : `\`${column.name}-\${i}\``;
    case "Int":
      return "i";
    case "Float":
      return "i + 0.5";
    case "Decimal":
      return "`${i}.25`";
    case "BigInt":
      return "BigInt(i)";
    case "Boolean":
      return "false";
    case "DateTime":
      return "new Date(Date.UTC(2024, 0, 1 + (i % 28)))";
    case "Json":
      return "{}";
    case "Bytes":
      return "new Uint8Array([i % 256])";
    default:
      return "undefined";
  }
}

/**
 * `test/generated/support/factories.ts`: one factory per model creating a valid row (unique values from a counter,
 * required parents created first), so tests can set up records that API calls need.
 */
export function renderFactories({ views, enumFirstValue }: { views: ModelView[]; enumFirstValue: (enumName: string) => string | undefined }): string {
  const lines: string[] = [];
  lines.push(`import type { ${views.map((v) => `${v.model.name} as ${v.names.type}Row`).join(", ")}, Prisma, PrismaClient } from "../../../src/generated/prisma/client.js";`);
  lines.push("");
  lines.push(`/** Factories creating valid rows directly in the database (for test setup). */`);
  lines.push(`export interface Factories {`);
  for (const v of views) lines.push(`  ${v.names.variable}(overrides?: Partial<Prisma.${v.model.name}UncheckedCreateInput>): Promise<${v.names.type}Row>;`);
  lines.push(`}`);
  lines.push("");
  lines.push(`export function createFactories(prisma: PrismaClient): Factories {`);
  lines.push(`  let counter = 0;`);
  lines.push(`  const factories: Factories = {`);
  for (const v of views) {
    const members: string[] = [];
    const fkColumns = new Set<string>();
    for (const relation of v.model.fields.filter((f): f is RelationField => f.kind === "relation" && f.fromFields.length === 1 && f.isRequired)) {
      const parent = views.find((p) => p.model.name === relation.type);
      const from = relation.fromFields[0];
      const to = relation.toFields[0];
      if (!parent || !from || !to || parent === v) continue;
      fkColumns.add(from);
      members.push(`${from}: overrides.${from} ?? (await factories.${parent.names.variable}()).${to}`);
    }
    for (const column of v.columns) {
      if (fkColumns.has(column.name) || column.isForeignKey || !column.isRequired || column.isList || column.default !== undefined) continue;
      if (column.kind === "scalar" && column.isUpdatedAt) continue;
      const value = column.kind === "enum" ? tsString(enumFirstValue(column.type) ?? "") : valueFor(column);
      members.push(`${column.name}: ${value}`);
    }
    lines.push(`    async ${v.names.variable}(overrides = {}) {`);
    lines.push(`      const i = ++counter;`);
    lines.push(`      void i;`);
    lines.push(`      return prisma.${v.model.name.charAt(0).toLowerCase() + v.model.name.slice(1)}.create({ data: { ${[...members, "...overrides"].join(", ")} } });`);
    lines.push(`    },`);
  }
  lines.push(`  };`);
  lines.push(`  return factories;`);
  lines.push(`}`);
  return lines.join("\n") + "\n";
}
