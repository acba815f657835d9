import type { ColumnField } from "./modelView.js";

/** A text the column takes: its native type's length, if it has one (`@db.VarChar(2)`, `@db.Char(44)`). */
function textLength(column: ColumnField): number | undefined {
  const native = column.kind === "scalar" ? column.nativeType : undefined;
  if (!native || !/^(VarChar|Char|NVarChar|NChar)$/.test(native.name)) return undefined;
  const length = Number(native.args[0]);
  return Number.isInteger(length) && length > 0 ? length : undefined;
}

/** A unique text for the counter `i`, as source: `<name>-<i>`, cut to fit a short column (digits alone when very short). */
function textValue({ column, length }: { column: ColumnField; length: number | undefined }): string {
  const lower = column.name.toLowerCase();
  // Room for the counter: up to six digits and the dash.
  if (length === undefined || length >= column.name.length + 7) return lower.includes("email") && (length ?? 30) >= 30 ? "`factory${i}@example.com`" : `\`${column.name}-\${i}\``;
  if (length >= 8) return `\`${column.name.slice(0, length - 7)}-\${i}\``;
  return `String(i).padStart(${length}, "0")`;
}

/**
 * The value a test factory gives a required column of its row, as a TypeScript expression of the counter `i` (unique
 * per row), valid for the column's native type: `@db.Uuid` a UUID (variant `a`, so that it is never one of the
 * request examples' `...-8000-...` UUIDs, which tests create through the API next to factory rows), `@db.VarChar(n)`
 * at most n characters; `undefined` when it has none (an enum's first value is the caller's).
 */
export function factoryValue(column: ColumnField): string {
  if (column.kind === "enum") return "undefined";
  switch (column.type) {
    case "String":
      if (column.nativeType?.name === "Uuid" || column.nativeType?.name === "UniqueIdentifier")
        return '`00000000-0000-4000-a000-${String(i).padStart(12, "0")}`';
      return textValue({ column, length: textLength(column) });
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
