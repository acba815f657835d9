import type { NamedSchema, SchemaNode } from "../ir/types.js";
import { objectProperties, schemaName } from "../binding/schemaLookup.js";
import { squashName } from "../naming/caseConversion.js";
import type { ModelDraft } from "./planModelColumns.js";

const scalarDefaults: Record<string, string> = { Int: "0", BigInt: "0", Float: "0", Decimal: "0", Boolean: "false", DateTime: "now()" };

/**
 * Defaults for required columns a create may leave out: a POST body of the collection where the property is optional
 * (`BookInput` without a required `status`) would otherwise give a create the database refuses, and a handler vx-gen
 * cannot generate. The first enum value, 0, false or now() (Strings and Json are left alone), with a comment.
 * Foreign keys are left alone too (a nested route fills them from its path).
 */
export function planCreateDefaults({ draft, createBodies, schemas }: { draft: ModelDraft; createBodies: SchemaNode[]; schemas: Map<string, NamedSchema> }): void {
  const bodies = createBodies.map((node) => ({ name: schemaName({ node, schemas }) ?? "the request body", required: new Set((objectProperties({ node, schemas }) ?? []).filter((p) => p.required).map((p) => squashName(p.name))) }));
  const foreignKeys = new Set(draft.relations.flatMap((r) => (r.fkColumn !== undefined ? [r.fkColumn] : [])));
  for (const field of draft.fields) {
    if (field.property === undefined || field.optional || field.list || foreignKeys.has(field.name)) continue;
    if (field.attributesCode.some((a) => a === "@id" || a === "@updatedAt" || a.startsWith("@default"))) continue;
    const leaving = bodies.find((b) => !b.required.has(squashName(field.property ?? "")));
    if (!leaving) continue;
    const value = draft.enumFirstValue.get(field.type) ?? scalarDefaults[field.type];
    if (value === undefined) continue;
    field.attributesCode.push(`@default(${value})`);
    field.notes.push(`${leaving.name} creates without it: a default (${value}) so that such a create is stored`);
  }
}
