import { objectKey } from "./objectKey.js";
import { tsString } from "./tsString.js";

/**
 * A JSON value as a TypeScript expression on one line, printed like `JSON.stringify(value)` (`{"a":[1,"x"]}`), with
 * strings through `tsString` and a `__proto__` key as `["__proto__"]` (a plain `"__proto__":` would set the object's
 * prototype, not define the property). `undefined` members are left out, as JSON leaves them.
 */
export function tsJson(value: unknown): string {
  if (typeof value === "string") return tsString(value);
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : tsJson(item))).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const members = Object.entries(value).filter(([, item]) => item !== undefined);
    return `{${members.map(([key, item]) => `${key === "__proto__" ? objectKey(key) : tsString(key)}:${tsJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
