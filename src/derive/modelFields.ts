import type { Diagnostic, EnumField, Model, ScalarField } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import { fieldSchema, type SchemaObject } from "./fieldSchema.js";
import type { DecimalStyle } from "./DeriveOptions.js";
import { isSecretFieldName } from "./isSecretFieldName.js";
import { vxDirectives } from "./vxDirectives.js";

/** Defaults the database fills by itself (the binder's drift check reads the same list). */
const databaseDefaults = new Set(["autoincrement", "uuid", "cuid", "nanoid", "ulid", "now", "auto", "sequence", "dbgenerated"]);

/** A column of a model as the derived API shows it. */
export interface FieldPlan {
  field: ScalarField | EnumField;
  /** The value's schema (nullable when the column is optional). */
  schema: SchemaObject;
  /** Filled by the database (`@default(autoincrement())`, `now()`, `uuid()`, `@updatedAt`...) or `@vx.readOnly`. */
  readOnly: boolean;
  /** Named like a credential: accepted, never answered. */
  writeOnly: boolean;
  /** `@vx.pii`: personal data, masked in logs and audit records (`x-vx-pii: true`). */
  pii: boolean;
  /** A create may leave it out: optional, a list, or with a default. */
  optionalOnCreate: boolean;
  description?: string;
}

function where(field: { source: { file: string; line: number; column: number } }): Diagnostic["location"] {
  return { file: field.source.file, line: field.source.line, column: field.source.column };
}

/**
 * The columns of a model the derived API exchanges, in schema order: relation fields are left out (their foreign keys
 * are columns like any other, `authorId`), as are `@vx.hidden` fields and types JSON cannot carry. Reports secrets
 * made writeOnly (VX601), columns left out for their type (VX604) and unknown `@vx.` directives (VX603).
 */
export function modelFields({ model, enumRef, decimal = "string" }: { model: Model; enumRef: (name: string) => string | undefined; decimal?: DecimalStyle }): { fields: FieldPlan[]; diagnostics: Diagnostic[] } {
  const fields: FieldPlan[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const field of model.fields) {
    if (field.kind !== "scalar" && field.kind !== "enum") continue;
    const directives = vxDirectives(field.documentation);
    for (const word of directives.unknown)
      diagnostics.push(createDiagnostic({ code: "VX603", message: `unknown directive @vx.${word} on ${model.name}.${field.name}; it is ignored`, location: where(field), help: "derive reads @vx.hidden, @vx.readOnly and @vx.pii" }));
    if (directives.hidden) continue;
    const schema = fieldSchema({ field, enumRef, decimal });
    if (!schema) {
      diagnostics.push(createDiagnostic({ code: "VX604", message: `${model.name}.${field.name} is left out of the derived API: its type (Unsupported) has no JSON form`, location: where(field) }));
      continue;
    }
    const filled = field.isUpdatedAt || (field.default !== undefined && databaseDefaults.has(field.default.kind));
    const readOnly = filled || directives.readOnly || model.kind === "view";
    if (isSecretFieldName(field.name)) {
      // A secret is never answered: writeOnly when a client may set it, else (filled by the database) left out.
      diagnostics.push(
        createDiagnostic({
          code: "VX601",
          message: readOnly
            ? `${model.name}.${field.name} is named like a secret and clients cannot set it: it is left out of the derived API`
            : `${model.name}.${field.name} is named like a secret: the derived API accepts it but never answers it (writeOnly)`,
          location: where(field),
          help: "add `/// @vx.hidden` to leave it out of the API altogether",
        }),
      );
      if (readOnly) continue;
    }
    fields.push({
      field,
      schema,
      readOnly,
      writeOnly: isSecretFieldName(field.name),
      pii: directives.pii,
      optionalOnCreate: !field.isRequired || field.isList || field.default !== undefined,
      ...(directives.description !== undefined ? { description: directives.description } : {}),
    });
  }
  return { fields, diagnostics };
}
