import type { NamedSchema, NumberSchema, SchemaNode, StringSchema } from "../ir/types.js";
import { derefSchema } from "../binding/schemaLookup.js";
import type { DerivedProvider } from "./PrismaSchemaPlan.js";

/** The Prisma column a property's schema maps to: a scalar (with a native type) or an enum, or Json with the reason. */
export interface ColumnType {
  type: string;
  list: boolean;
  /** `@db.VarChar(200)`, `@db.Date`... (numbers only, no spec text). */
  nativeCode?: string;
  /** The schema allows null (or is a union with null). */
  nullable: boolean;
  /** Why the mapping is a guess (Json for a shape with no column type, a list kept as Json...). */
  note?: string;
}

/** A named enum schema's Prisma enum name, or undefined (`enumName` is owned by the caller's registry). */
export type EnumNameOf = (input: { node: SchemaNode; property: string }) => string | undefined;

const nativeTypes: Record<DerivedProvider, boolean> = { sqlite: false, postgresql: true, mysql: true };
const scalarLists: Record<DerivedProvider, boolean> = { sqlite: false, postgresql: true, mysql: false };

function stringColumn({ node, provider }: { node: StringSchema; provider: DerivedProvider }): Omit<ColumnType, "list" | "nullable"> {
  const native = nativeTypes[provider];
  if (node.format === "date-time") return { type: "DateTime" };
  if (node.format === "date") return { type: "DateTime", ...(native ? { nativeCode: "@db.Date" } : {}) };
  if (node.format === "byte" || node.format === "binary" || node.contentEncoding === "base64") return { type: "Bytes" };
  if (node.format === "uuid" && provider === "postgresql") return { type: "String", nativeCode: "@db.Uuid" };
  if (native && node.maxLength !== undefined && node.maxLength >= 1 && node.maxLength <= 16_383) return { type: "String", nativeCode: `@db.VarChar(${node.maxLength})` };
  return { type: "String" };
}

/** Decimal places of a `multipleOf` (0.01 -> 2), at most 10. */
function scaleOf(step: number): number {
  const text = step.toExponential();
  const [mantissa = "", exponent = "0"] = text.split("e");
  const digits = (mantissa.split(".")[1] ?? "").length;
  return Math.min(10, Math.max(0, digits - Number(exponent)));
}

function numberColumn({ node, provider }: { node: NumberSchema; provider: DerivedProvider }): Omit<ColumnType, "list" | "nullable"> {
  if (node.kind === "integer") {
    const big = node.format === "int64" || (node.maximum ?? 0) > 2_147_483_647 || (node.minimum ?? 0) < -2_147_483_648;
    return { type: big ? "BigInt" : "Int" };
  }
  if (node.multipleOf !== undefined && node.multipleOf > 0 && node.multipleOf < 1) {
    const scale = scaleOf(node.multipleOf);
    return { type: "Decimal", ...(nativeTypes[provider] ? { nativeCode: `@db.Decimal(${Math.max(12, scale + 10)}, ${scale})` } : {}) };
  }
  if (node.format === "decimal") return { type: "Decimal" };
  return { type: "Float" };
}

/** The non-null members of a union, when exactly one is left (`type: [string, "null"]` written as oneOf). */
function withoutNull(node: SchemaNode): { node: SchemaNode; nullable: boolean } {
  if (node.kind !== "union") return { node, nullable: node.nullable };
  const rest = node.members.filter((m) => m.kind !== "null");
  return rest.length === 1 && rest[0] ? { node: rest[0], nullable: node.nullable || rest.length < node.members.length || rest[0].nullable } : { node, nullable: node.nullable };
}

function scalarOf({ node, provider, enumName, property }: { node: SchemaNode; provider: DerivedProvider; enumName: EnumNameOf; property: string }): Omit<ColumnType, "list" | "nullable"> | undefined {
  const named = enumName({ node, property });
  if (named !== undefined) return { type: named };
  if (node.kind === "string") return stringColumn({ node, provider });
  if (node.kind === "integer" || node.kind === "number") return numberColumn({ node, provider });
  if (node.kind === "boolean") return { type: "Boolean" };
  if (node.kind === "enum" && (node.baseType === "integer" || node.baseType === "number")) return { type: node.baseType === "integer" ? "Int" : "Float" };
  if (node.kind === "enum" && node.baseType === "boolean") return { type: "Boolean" };
  if (node.kind === "const" && typeof node.value === "string") return { type: "String" };
  if (node.kind === "const" && typeof node.value === "number") return { type: Number.isInteger(node.value) ? "Int" : "Float" };
  if (node.kind === "const" && typeof node.value === "boolean") return { type: "Boolean" };
  return undefined;
}

/**
 * The column type of a property's schema for a provider: strings by format (`date-time`, `date`, `uuid`, `byte`) and
 * `maxLength` (`@db.VarChar(n)` where the provider has it), integers by `int64` or range, numbers with a `multipleOf`
 * below 1 as Decimal, enums through `enumName`, arrays of scalars as lists where the provider has them, anything else
 * (objects, unions, untyped) as Json with a note.
 */
export function prismaColumnType({ node, schemas, provider, enumName, property }: { node: SchemaNode; schemas: Map<string, NamedSchema>; provider: DerivedProvider; enumName: EnumNameOf; property: string }): ColumnType {
  const outer = withoutNull(node);
  const resolved = withoutNull(derefSchema({ node: outer.node, schemas }));
  const nullable = outer.nullable || resolved.nullable;
  const target = resolved.node;
  if (target.kind === "array") {
    const item = withoutNull(derefSchema({ node: target.items, schemas })).node;
    const scalar = scalarOf({ node: item, provider, enumName, property });
    if (scalar && scalarLists[provider] && scalar.type !== "Bytes") return { type: scalar.type, list: true, nullable };
    return { type: "Json", list: false, nullable, note: scalar ? `a list of ${scalar.type}, kept as Json (${provider} has no scalar lists)` : "a list of objects or mixed values, kept as Json" };
  }
  const scalar = scalarOf({ node: target, provider, enumName: ({ property: p }) => enumName({ node: outer.node, property: p }) ?? enumName({ node: target, property: p }), property });
  if (scalar) return { ...scalar, list: false, nullable };
  const what = target.kind === "object" || target.kind === "intersection" ? "an object" : target.kind === "union" ? "a union" : "a value of no single type";
  return { type: "Json", list: false, nullable, note: `${what} in the API, stored as Json` };
}
