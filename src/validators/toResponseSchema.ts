import { deriveSchemaVariant } from "./deriveSchemaVariant.js";
import type { SchemaValue } from "./forEachSubschema.js";

/**
 * The schema a response body is validated and serialized with: `writeOnly` properties (passwords, secrets) are removed
 * from `properties` and `required`, so a serializer driven by the schema never writes them, and a schema with
 * `additionalProperties: false` rejects a leaked one. Affected `$defs` get a `<name>__response` variant.
 */
export function toResponseSchema({ schema }: { schema: SchemaValue }): SchemaValue {
  return deriveSchemaVariant({ schema, marker: "writeOnly", suffix: "__response", action: "remove" });
}
