import { lineCommentText } from "../emit/lineCommentText.js";
import { prismaDocComment } from "../emit/prismaDocComment.js";
import type { PlannedField, PlannedModel, PrismaSchemaPlan } from "./PrismaSchemaPlan.js";

function fieldLines({ fields }: { fields: PlannedField[] }): string[] {
  const width = Math.max(0, ...fields.map((f) => f.name.length));
  const typeOf = (f: PlannedField) => `${f.type}${f.list ? "[]" : f.optional ? "?" : ""}`;
  const typeWidth = Math.max(0, ...fields.map((f) => typeOf(f).length));
  return fields.flatMap((f) => [
    ...f.notes.flatMap((note) => prismaDocComment({ text: `vx-gen guessed: ${note}`, indent: "  " })),
    `  ${f.name.padEnd(width)} ${f.attributesCode.length > 0 ? `${typeOf(f).padEnd(typeWidth)} ${f.attributesCode.join(" ")}` : typeOf(f)}`,
  ]);
}

function modelBlock(model: PlannedModel): string {
  const notes = model.notes.flatMap((note) => prismaDocComment({ text: note, indent: "" }));
  const map = model.mapCode !== undefined ? ["", `  ${model.mapCode}`] : [];
  return [...notes, `model ${model.name} {`, ...fieldLines({ fields: model.fields }), ...map, "}"].join("\n");
}

/**
 * The text of a derived Prisma schema: a header naming the document, the generator and datasource, then enums and
 * models by name. Names are identifiers from `prismaIdentifier`; every other spec string (defaults, `@map`s, notes)
 * went through `src/emit` (`prismaString`, `prismaDocComment`).
 */
export function printPrismaSchema(plan: PrismaSchemaPlan): string {
  const header = [
    `// Derived by vx-gen from the OpenAPI document ${lineCommentText(plan.from)} (vx-gen derive prisma).`,
    "// Yours to edit: `///` comments say what vx-gen had to guess.",
    "",
    "generator client {",
    '  provider = "prisma-client-js"',
    "}",
    "",
    "datasource db {",
    `  provider = "${plan.provider}"`,
    "}",
  ].join("\n");
  const enums = plan.enums.map((e) =>
    [...e.notes.flatMap((note) => prismaDocComment({ text: `vx-gen guessed: ${note}`, indent: "" })), `enum ${e.name} {`, ...e.values.map((v) => `  ${v.name}${v.mapCode !== undefined ? ` ${v.mapCode}` : ""}`), "}"].join("\n"),
  );
  return `${[header, ...enums, ...plan.models.map(modelBlock)].join("\n\n")}\n`;
}
