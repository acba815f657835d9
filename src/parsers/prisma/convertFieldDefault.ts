import type { FieldDefault, JsonValue } from "../../ir/types.js";
import type { DmmfField } from "./prismaSchemaWasm.js";

function numberArgument(args: readonly (string | number)[]): number | undefined {
  const first = args[0];
  if (typeof first === "number") return first;
  if (typeof first === "string" && /^\d+$/.test(first)) return Number(first);
  return undefined;
}

function literal({ value, type }: { value: string | number | boolean; type: string }): JsonValue {
  // A Json column's default is JSON text (`@default("{}")`): the IR holds the value it stands for.
  if (type === "Json" && typeof value === "string") {
    try {
      return JSON.parse(value) as JsonValue;
    } catch {
      return value;
    }
  }
  return value;
}

/**
 * The IR form of a DMMF `default`: generator functions by name (`uuid(7)` keeps its version), `dbgenerated("...")`
 * with its SQL, other functions generically, and literal values (enum values by name, lists as arrays, BigInt as the
 * decimal string Prisma gives, Json parsed).
 */
export function convertFieldDefault({ field }: { field: DmmfField }): FieldDefault | undefined {
  const value = field.default;
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    return {
      kind: "literal",
      value: value.map((item: string | number | boolean) => literal({ value: item, type: field.type })),
    };
  }
  if (typeof value === "object" && "name" in value) {
    const args = [...value.args];
    const version = numberArgument(args);
    switch (value.name) {
      case "autoincrement":
      case "nanoid":
      case "ulid":
      case "now":
      case "auto":
      case "sequence":
        return { kind: value.name };
      case "uuid":
      case "cuid":
        return version === undefined ? { kind: value.name } : { kind: value.name, version };
      case "dbgenerated": {
        const expression = args[0];
        return typeof expression === "string" ? { kind: "dbgenerated", expression } : { kind: "dbgenerated" };
      }
      default:
        return { kind: "function", name: value.name, args };
    }
  }
  return { kind: "literal", value: literal({ value: value as string | number | boolean, type: field.type }) };
}
