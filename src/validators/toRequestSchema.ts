import { deriveSchemaVariant } from "./deriveSchemaVariant.js";
import type { SchemaValue } from "./forEachSubschema.js";

/**
 * The schema a request body must satisfy: `readOnly` properties are server-owned, so
 * - `readOnly: "reject"` (default): sending one is an error (the property's schema becomes `false`), and it is never
 *   required;
 * - `readOnly: "ignore"`: it may be sent (its own schema still applies) and is not required; the handler must drop it
 *   before writing.
 * Works on JSON Schema 2020-12 with named schemas in `$defs`: affected definitions get a `<name>__request` variant.
 * To build shared definitions for a whole document, pass `{ $defs: all }` and use the returned `$defs`.
 */
export function toRequestSchema({
  schema,
  readOnly = "reject",
}: {
  schema: SchemaValue;
  readOnly?: "reject" | "ignore";
}): SchemaValue {
  return deriveSchemaVariant({
    schema,
    marker: "readOnly",
    suffix: "__request",
    action: readOnly === "reject" ? "forbid" : "optional",
  });
}
