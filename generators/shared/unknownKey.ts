import type { JsonValue, NamedSchema, SchemaNode } from "../../src/ir/types.js";
import { derefSchema } from "../../src/binding/schemaLookup.js";
import { exampleValue } from "./exampleValue.js";
import type { ColumnField } from "./modelView.js";

/** Far from the small counters and seeds that factories and round trips use, so no test creates it. */
const farSeed = 999_999;

const int32Max = 2_147_483_647;

/** The largest value the column's type (and native type) stores, for integer keys. */
function columnIntegerMax(column: ColumnField | undefined): number {
  if (!column || column.kind !== "scalar") return Number.MAX_SAFE_INTEGER;
  switch (column.nativeType?.name) {
    case "TinyInt":
      return 127;
    case "SmallInt":
    case "SmallSerial":
      return 32_767;
    case "MediumInt":
      return 8_388_607;
    default:
      return column.type === "Int" ? int32Max : Number.MAX_SAFE_INTEGER;
  }
}

function integerKey({ node, column }: { node: Extract<SchemaNode, { kind: "number" | "integer" }> | undefined; column: ColumnField | undefined }): number {
  const lo = Math.ceil(node?.minimum ?? (node?.exclusiveMinimum !== undefined ? Math.floor(node.exclusiveMinimum) + 1 : 1));
  let hi = Math.floor(node?.maximum ?? (node?.exclusiveMaximum !== undefined ? Math.ceil(node.exclusiveMaximum) - 1 : Number.MAX_SAFE_INTEGER));
  if (node?.format === "int32") hi = Math.min(hi, int32Max);
  hi = Math.min(hi, columnIntegerMax(column));
  let value = Math.max(lo, Math.min(hi, farSeed));
  const step = node?.multipleOf;
  if (step !== undefined && step > 0) {
    value = Math.floor(value / step) * step;
    if (value < lo) value += step;
  }
  return value;
}

/** The longest string the column stores (`@db.VarChar(n)`, `@db.Char(n)`), when bounded. */
function columnMaxLength(column: ColumnField | undefined): number | undefined {
  if (!column || column.kind !== "scalar" || !column.nativeType) return undefined;
  const bound = Number(column.nativeType.args[0]);
  return /^(Var)?Char$|^N(Var)?Char$/.test(column.nativeType.name) && Number.isInteger(bound) && bound > 0 ? bound : undefined;
}

/** A uuid no test creates (databases generate random version-4 ones). */
const unknownUuid = "00000000-0000-4000-8000-000000999999";

function stringKey({ node, column }: { node: Extract<SchemaNode, { kind: "string" }> | undefined; column: ColumnField | undefined }): string {
  const dbUuid = column?.kind === "scalar" && (column.nativeType?.name === "Uuid" || column.nativeType?.name === "UniqueIdentifier");
  if (node === undefined || (node.format === undefined && node.pattern === undefined)) {
    if (dbUuid) return unknownUuid;
    if (column?.kind === "scalar" && column.nativeType?.name === "ObjectId") return "000000000000000000999999";
    if (column?.kind === "scalar" && column.type === "DateTime") return "2099-12-31T00:00:00.000Z";
    if (column?.kind === "scalar" && (column.type === "Int" || column.type === "BigInt")) return String(integerKey({ node: undefined, column }));
  }
  const max = Math.min(node?.maxLength ?? Infinity, columnMaxLength(column) ?? Infinity);
  const plain = node === undefined || (node.format === undefined && node.pattern === undefined);
  if (plain) {
    let value = "does-not-exist";
    while (value.length < (node?.minLength ?? 0)) value += "x";
    return max < value.length ? "z".repeat(Math.max(max, node?.minLength ?? 0)) : value;
  }
  if (node?.format === "date") return "2099-12-31";
  if (node?.format === "date-time") return "2099-12-31T23:59:59.000Z";
  const example = exampleValue({ node, schemas: new Map(), variant: "request", seed: farSeed });
  return typeof example === "string" ? example : "does-not-exist";
}

/**
 * The key of a record that does not exist, as a value the key parameter's own schema (and the column) accepts: the
 * not-found tests send it and expect 404, not a 400 for a malformed key. Integers take the largest allowed value up to
 * 999999, strings a far example of their format or pattern (a uuid, a date, a cuid-like string), enums their last
 * value (factories and round trips take the first).
 */
export function unknownKey({ node, column, schemas }: { node: SchemaNode | undefined; column: ColumnField | undefined; schemas: Map<string, NamedSchema> }): JsonValue {
  const resolved = node ? derefSchema({ node, schemas }) : undefined;
  switch (resolved?.kind) {
    case "integer":
    case "number":
      return integerKey({ node: resolved, column });
    case "string":
      return stringKey({ node: resolved, column });
    case "enum": {
      const values = resolved.values.filter((v) => v !== null);
      return values[values.length - 1] ?? null;
    }
    case "const":
      return resolved.value;
    case "boolean":
      return true;
    case "union": {
      const member = resolved.members.find((m) => derefSchema({ node: m, schemas }).kind !== "null");
      return unknownKey({ node: member, column, schemas });
    }
    default:
      break;
  }
  if (column?.kind === "scalar" && (column.type === "Int" || column.type === "BigInt" || column.type === "Float" || column.type === "Decimal")) {
    return integerKey({ node: undefined, column });
  }
  return stringKey({ node: undefined, column });
}
