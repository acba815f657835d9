import type { ColumnField } from "./modelView.js";

/**
 * The TypeScript type of a caller's id in generated code (the `type` `callerKey` converts a token's subject to), by the
 * Prisma type of the user model's id column; undefined for a column no subject can name (not Int, BigInt or String).
 */
export function callerIdType(id: ColumnField): "number" | "bigint" | "string" | undefined {
  if (id.kind !== "scalar") return undefined;
  return id.type === "Int" ? "number" : id.type === "BigInt" ? "bigint" : id.type === "String" ? "string" : undefined;
}
