import type { RelationField } from "../../src/ir/types.js";
import type { ColumnField, ModelView } from "./modelView.js";
import { importLiteral, projectLayout } from "./projectLayout.js";
import { delegateName } from "./renderRepository.js";
import { renderTemplate } from "./renderTemplate.js";
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

/** One factory: the model's delegate and the members of the row it creates (`valueCode`: an expression of the counter `i`). */
interface FactoryView {
  modelName: string;
  T: string;
  v: string;
  delegate: string;
  members: { name: string; valueCode: string }[];
}

function factoryView({ view, views, enumFirstValue }: { view: ModelView; views: ModelView[]; enumFirstValue: (enumName: string) => string | undefined }): FactoryView {
  const members: FactoryView["members"] = [];
  const fkColumns = new Set<string>();
  for (const relation of view.model.fields.filter((f): f is RelationField => f.kind === "relation" && f.fromFields.length === 1 && f.isRequired)) {
    const parent = views.find((p) => p.model.name === relation.type);
    const from = relation.fromFields[0];
    const to = relation.toFields[0];
    if (!parent || !from || !to || parent === view) continue;
    fkColumns.add(from);
    members.push({ name: from, valueCode: `overrides.${from} ?? (await factories.${parent.names.variable}()).${to}` });
  }
  for (const column of view.columns) {
    if (fkColumns.has(column.name) || column.isForeignKey || !column.isRequired || column.isList || column.default !== undefined) continue;
    if (column.kind === "scalar" && column.isUpdatedAt) continue;
    members.push({ name: column.name, valueCode: column.kind === "enum" ? tsString(enumFirstValue(column.type) ?? "") : valueFor(column) });
  }
  return { modelName: view.model.name, T: view.names.type, v: view.names.variable, delegate: delegateName(view.model.name), members };
}

/**
 * `test/generated/support/factories.ts`: one factory per model creating a valid row (unique values from a counter,
 * required parents created first), so tests can set up records that API calls need.
 */
export function renderFactories({ views, enumFirstValue }: { views: ModelView[]; enumFirstValue: (enumName: string) => string | undefined }): string {
  const imports = { prismaClient: importLiteral({ from: projectLayout.factories, to: projectLayout.prismaClient }) };
  const models = views.map((view) => factoryView({ view, views, enumFirstValue }));
  return renderTemplate({ plugin: "shared", file: "test/factories.ts.ejs", data: { imports, models } });
}
