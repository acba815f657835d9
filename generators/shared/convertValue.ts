import type { DbEnum, SchemaNode } from "../../src/ir/types.js";
import type { EnumMaps } from "./enumMaps.js";
import type { ColumnField } from "./modelView.js";

/** What a conversion needs to know besides the field and the API schema. */
export interface ConvertContext {
  enums: Map<string, DbEnum>;
  enumMaps: EnumMaps;
  /** Records that the generated module needs an import from the enum tables module. */
  useEnumTable: (name: string) => void;
  /** The API type of `node` in the module's response/request namespace (for Json values). */
  apiType: (node: SchemaNode) => string;
  /** `node` with references followed (a list's items). */
  deref: (node: SchemaNode) => SchemaNode;
}

type Convert = (input: { field: ColumnField; node: SchemaNode; v: string; ctx: ConvertContext }) => string | undefined;

/**
 * A scalar list column (`String[]`) to or from an API array: each element converted as one value of the column
 * (`v` itself when no element needs converting), undefined when the API value is not an array of convertible items.
 */
function listConversion({ field, node, v, ctx, convert }: { field: ColumnField; node: SchemaNode; v: string; ctx: ConvertContext; convert: Convert }): string | undefined {
  if (node.kind !== "array") return undefined;
  const item = convert({ field: { ...field, isList: false }, node: ctx.deref(node.items), v: "element", ctx });
  if (item === undefined) return undefined;
  return item === "element" ? v : `${v}.map((element) => ${item})`;
}

/** The API kind a (dereferenced) schema asks for, ignoring null. */
function apiKind(node: SchemaNode): string {
  if (node.kind === "union") {
    const kinds = new Set(node.members.filter((m) => m.kind !== "null").map(apiKind));
    return kinds.size === 1 ? ([...kinds][0] ?? "unknown") : "unknown";
  }
  return node.kind;
}

function format(node: SchemaNode): string | undefined {
  return node.kind === "string" || node.kind === "number" || node.kind === "integer" ? node.format : undefined;
}

/**
 * An enum column to or from an API enum: `v` itself when both spell the values alike, a lookup in the generated
 * value table when they differ (e.g. only in case), undefined when the values do not correspond.
 */
function enumConversion({
  field,
  node,
  v,
  ctx,
  direction,
}: {
  field: ColumnField;
  node: SchemaNode;
  v: string;
  ctx: ConvertContext;
  direction: "toApi" | "fromApi";
}): string | undefined {
  if (apiKind(node) !== "enum" || node.kind !== "enum") return undefined;
  const dbEnum = ctx.enums.get(field.type);
  if (!dbEnum) return undefined;
  const pair = ctx.enumMaps.pair({ dbEnum, apiValues: node.values });
  if (pair === null) return undefined;
  if (pair === undefined) return v;
  ctx.useEnumTable(pair[direction]);
  return `${pair[direction]}[${v}]`;
}

/**
 * A TypeScript expression turning the database value `v` (never null here) into the API value `node` describes, or
 * undefined when the two do not convert (e.g. a Json column for a string property).
 */
export function dbToApi({
  field,
  node,
  v,
  ctx,
}: {
  field: ColumnField;
  node: SchemaNode;
  v: string;
  ctx: ConvertContext;
}): string | undefined {
  const kind = apiKind(node);
  if (field.isList) return listConversion({ field, node, v, ctx, convert: dbToApi });
  if (field.kind === "enum") return kind === "string" ? v : enumConversion({ field, node, v, ctx, direction: "toApi" });
  switch (field.type) {
    case "String":
      return kind === "string" ? v : undefined;
    case "Int":
    case "Float":
      return kind === "number" || kind === "integer" ? v : kind === "string" ? `String(${v})` : undefined;
    case "BigInt":
      return kind === "number" || kind === "integer"
        ? `Number(${v})`
        : kind === "string"
          ? `${v}.toString()`
          : undefined;
    case "Decimal":
      return kind === "number" || kind === "integer"
        ? `${v}.toNumber()`
        : kind === "string"
          ? `${v}.toString()`
          : undefined;
    case "DateTime":
      if (kind !== "string") return undefined;
      return format(node) === "date" ? `${v}.toISOString().slice(0, 10)` : `${v}.toISOString()`;
    case "Boolean":
      return kind === "boolean" ? v : undefined;
    case "Bytes":
      return kind === "string" ? `Buffer.from(${v}).toString("base64")` : undefined;
    case "Json":
      return `(${v} as unknown as ${ctx.apiType(node)})`;
    default:
      return undefined;
  }
}

/**
 * A TypeScript expression turning the API value `v` (validated, never null here) into what Prisma Client accepts for
 * the column, or undefined when they do not convert.
 */
export function apiToDb({
  field,
  node,
  v,
  ctx,
}: {
  field: ColumnField;
  node: SchemaNode;
  v: string;
  ctx: ConvertContext;
}): string | undefined {
  const kind = apiKind(node);
  if (field.isList) return listConversion({ field, node, v, ctx, convert: apiToDb });
  if (field.kind === "enum") return enumConversion({ field, node, v, ctx, direction: "fromApi" });
  switch (field.type) {
    case "String":
      return kind === "string" || kind === "enum" ? v : undefined;
    case "Int":
    case "Float":
      return kind === "number" || kind === "integer" ? v : kind === "string" ? `Number(${v})` : undefined;
    case "BigInt":
      return kind === "number" || kind === "integer" || kind === "string" ? `BigInt(${v})` : undefined;
    case "Decimal":
      return kind === "number" || kind === "integer" || kind === "string" ? v : undefined;
    case "DateTime":
      return kind === "string" ? `new Date(${v})` : undefined;
    case "Boolean":
      return kind === "boolean" ? v : undefined;
    case "Bytes":
      return kind === "string" ? `Buffer.from(${v}, "base64")` : undefined;
    case "Json":
      return `(${v} as Prisma.InputJsonValue)`;
    default:
      return undefined;
  }
}
