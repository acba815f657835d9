import type { JsonValue, ObjectProperty } from "../ir/types.js";
import type { ModelKey } from "./planModelKey.js";
import type { ColumnType } from "./prismaColumnType.js";
import { prismaString } from "../emit/prismaString.js";
import type { PlannedEnum } from "./PrismaSchemaPlan.js";

/** `@default(...)` code for a property's default value, when the column type can hold it; undefined otherwise. */
export function defaultCode({ value, type, enumPlan }: { value: JsonValue | undefined; type: string; enumPlan?: PlannedEnum }): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (enumPlan) {
    const found = enumPlan.values.find((v) => v.api === value);
    return found ? `@default(${found.name})` : undefined;
  }
  if (type === "String" && typeof value === "string") return `@default(${prismaString(value)})`;
  if ((type === "Int" || type === "BigInt") && typeof value === "number" && Number.isSafeInteger(value)) return `@default(${value})`;
  if ((type === "Float" || type === "Decimal") && typeof value === "number" && Number.isFinite(value)) return `@default(${value})`;
  if (type === "Boolean" && typeof value === "boolean") return `@default(${value})`;
  return undefined;
}

const updatedNames = /(updated|modified|changed|edited)(at|on|date|time)?$/i;

/**
 * What the database fills for a readOnly, required column with no default (the client never sends it, yet a create
 * must give it a value): now() or @updatedAt for dates, zero, false, an empty string, the first enum value. Undefined
 * for Json and lists (the column is made optional instead).
 */
export function filledByDatabase({ type, property, enumPlan }: { type: string; property: string; enumPlan?: PlannedEnum }): { code: string; note: string } | undefined {
  const why = "readOnly and required in the API: the database fills it";
  if (enumPlan?.values[0]) return { code: `@default(${enumPlan.values[0].name})`, note: `${why} (its first value)` };
  if (type === "DateTime") return updatedNames.test(property) ? { code: "@updatedAt", note: `${why} (named like an update time: @updatedAt)` } : { code: "@default(now())", note: `${why} (the time of creation)` };
  if (type === "Int" || type === "BigInt" || type === "Float" || type === "Decimal") return { code: "@default(0)", note: `${why} (0)` };
  if (type === "Boolean") return { code: "@default(false)", note: `${why} (false)` };
  if (type === "String") return { code: '@default("")', note: `${why} (an empty string)` };
  return undefined;
}

/**
 * A column's attributes and optionality: `@id` (with the key's default), `@unique`, the native type, the property's
 * default, or what the database fills for a readOnly required column. Optional when the property is not required or
 * allows null (lists never are: Prisma has no optional lists). Guesses are added to `notes`.
 */
export function columnAttributes({ property, type, mapped, isId, key, enumPlan, readOnly, notes }: {
  property: ObjectProperty;
  type: string;
  mapped: ColumnType;
  isId: boolean;
  key: ModelKey;
  enumPlan: PlannedEnum | undefined;
  readOnly: boolean;
  notes: string[];
}): { code: string[]; optional: boolean } {
  if (isId) return { code: ["@id", ...(key.idDefault ? [`@default(${key.idDefault})`] : []), ...(key.idNativeCode !== undefined ? [key.idNativeCode] : [])], optional: false };
  const code: string[] = [];
  let optional = !mapped.list && (!property.required || mapped.nullable);
  if (key.unique.has(property.name)) {
    if (type === "Json" || mapped.list) notes.push("keyed by a path or x-vx-unique, but a Json or list column cannot be @unique");
    else code.push("@unique");
  }
  const given = defaultCode({ value: property.schema.default, type, ...(enumPlan ? { enumPlan } : {}) });
  if (given !== undefined && !mapped.list) code.push(given);
  else if (readOnly && !optional && !mapped.list) {
    const filled = filledByDatabase({ type, property: property.name, ...(enumPlan ? { enumPlan } : {}) });
    if (filled) {
      code.push(filled.code);
      notes.push(filled.note);
    } else {
      optional = true;
      notes.push("readOnly and required in the API, with nothing the database could fill it with: optional here");
    }
  }
  if (mapped.nativeCode !== undefined) code.push(mapped.nativeCode);
  return { code, optional };
}
