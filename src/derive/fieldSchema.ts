import type { EnumField, JsonValue, ScalarField } from "../ir/types.js";
import type { DecimalStyle } from "./DeriveOptions.js";

/** A JSON Schema object as the derived document holds it (keys in the order they are printed). */
export type SchemaObject = { [key: string]: JsonValue };

const numberPattern = "^-?[0-9]+(\\.[0-9]+)?$";
const integerPattern = "^-?[0-9]+$";

/** The length limit of a `@db.VarChar(n)` / `@db.Char(n)` column (any provider's spelling), if it has one. */
function maxLengthOf(field: ScalarField): number | undefined {
  const native = field.nativeType;
  if (!native || !/char$/i.test(native.name)) return undefined;
  const n = Number(native.args[0]);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** One value of a Prisma scalar type, as JSON carries it without loss (BigInt, and Decimal unless `decimal` says number, as strings). */
function scalarValueSchema({ field, decimal }: { field: ScalarField; decimal: DecimalStyle }): SchemaObject | undefined {
  switch (field.type) {
    case "String": {
      const maxLength = maxLengthOf(field);
      const uuid = field.nativeType?.name === "Uuid" || field.default?.kind === "uuid";
      // A fixed-length column (`@db.Char(n)`): PostgreSQL and SQL Server pad a shorter value with blanks, so it would not
      // come back as sent.
      const fixed = maxLength !== undefined && /^n?char$/i.test(field.nativeType?.name ?? "");
      return { type: "string", ...(uuid ? { format: "uuid" } : {}), ...(fixed ? { minLength: maxLength } : {}), ...(maxLength !== undefined ? { maxLength } : {}) };
    }
    case "Boolean":
      return { type: "boolean" };
    case "Int":
      return { type: "integer", format: "int32" };
    case "BigInt":
      return { type: "string", pattern: integerPattern, description: "A 64-bit integer, as a string (JSON numbers lose precision beyond 2^53)." };
    case "Float":
      return { type: "number", format: "double" };
    case "Decimal":
      return decimal === "number"
        ? { type: "number", description: "A decimal number, as a JSON number (digits beyond a double's 15 to 17 are rounded)." }
        : { type: "string", pattern: numberPattern, description: "A decimal number, as a string (exact)." };
    case "DateTime":
      return { type: "string", format: field.nativeType?.name === "Date" ? "date" : "date-time" };
    case "Json":
      return {};
    case "Bytes":
      return { type: "string", format: "byte", contentEncoding: "base64" };
    default:
      return undefined;
  }
}

/** Every JSON type: an optional Json column's value, where null says the column is empty (`{}` would hide that). */
const anyJsonTypes = ["object", "array", "string", "number", "boolean", "null"];

/** `type: t` -> `type: [t, "null"]`; a reference -> `anyOf: [ref, null]`; an any-value schema -> every type, null included. */
function orNull(schema: SchemaObject): SchemaObject {
  if (typeof schema.type === "string") return { ...schema, type: [schema.type, "null"] };
  if (schema.$ref !== undefined) return { anyOf: [schema, { type: "null" }] };
  return { ...schema, type: anyJsonTypes };
}

/**
 * The schema of a column's value: its Prisma type mapped (Int int32, BigInt and Decimal as strings (Decimal a number
 * with `decimal: "number"`), DateTime
 * date-time, Json any value, Bytes base64, `@db.VarChar(n)` maxLength), an enum as a reference to its named schema, a
 * list as an array, an optional column nullable. Undefined for a type JSON cannot carry (`Unsupported`).
 */
export function fieldSchema({ field, enumRef, decimal = "string" }: { field: ScalarField | EnumField; enumRef: (name: string) => string | undefined; decimal?: DecimalStyle }): SchemaObject | undefined {
  let value: SchemaObject | undefined;
  if (field.kind === "enum") {
    const ref = enumRef(field.type);
    value = ref !== undefined ? { $ref: `#/components/schemas/${ref}` } : { type: "string" };
  } else value = scalarValueSchema({ field, decimal });
  if (value === undefined) return undefined;
  if (field.isList) return { type: "array", items: value };
  return field.isRequired ? value : orNull(value);
}

/** The schema of a path or query parameter holding one value of the column (never null). */
export function parameterSchema({ field, enumRef, decimal = "string" }: { field: ScalarField | EnumField; enumRef: (name: string) => string | undefined; decimal?: DecimalStyle }): SchemaObject | undefined {
  return fieldSchema({ field: { ...field, isRequired: true, isList: false }, enumRef, decimal });
}
