import { isSchemaObject, mapSubschemas, type SchemaObject, type SchemaValue } from "./forEachSubschema.js";
import { usesDefinitions, type ValidatorDialect } from "./ValidatorDialect.js";

const componentsPrefix = "#/components/schemas/";

/**
 * Adapts a schema to what Ajv compiles for `dialect`, without changing what it accepts:
 * - OpenAPI dialects: refs to `#/components/schemas/X` point at the shared definitions (`#/definitions/X` for 3.0,
 *   `#/$defs/X` for 3.1), so a schema copied from a document validates against the defs given to the generator.
 * - `openapi-3.0`: `nullable: true` next to `type` is Ajv's own OpenAPI support; `nullable: true` without `type`
 *   (e.g. next to `allOf: [{$ref}]`, the usual way to make a reference nullable) becomes `anyOf: [{type: "null"}, rest]`,
 *   the intent of that idiom; `nullable: false` without `type` is dropped (it means nothing).
 * The JSON Schema dialects are returned unchanged.
 */
export function prepareSchema({ schema, dialect }: { schema: SchemaValue; dialect: ValidatorDialect }): SchemaValue {
  if (dialect === "draft4" || dialect === "draft2020-12") return schema;
  const defsPointer = usesDefinitions(dialect) ? "#/definitions/" : "#/$defs/";
  return mapSubschemas({
    schema,
    map: (node) => {
      let result: SchemaObject = node;
      const ref = node["$ref"];
      if (typeof ref === "string" && ref.startsWith(componentsPrefix)) {
        result = { ...result, $ref: defsPointer + ref.slice(componentsPrefix.length) };
      }
      if (dialect === "openapi-3.0" && "nullable" in result && result["type"] === undefined) {
        const { nullable, ...rest } = result;
        result = nullable === true ? wrapNullable(rest) : rest;
      }
      return result;
    },
  });
}

function wrapNullable(rest: SchemaObject): SchemaObject {
  // Keep definitions where refs expect them (at the root of the object that declared them).
  const { definitions, $defs, ...body } = rest;
  const wrapped: SchemaObject = { anyOf: [{ type: "null" }, body] };
  if (isSchemaObject(definitions)) wrapped["definitions"] = definitions;
  if (isSchemaObject($defs)) wrapped["$defs"] = $defs;
  return wrapped;
}
