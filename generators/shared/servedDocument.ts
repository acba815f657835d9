import { createDiagnostic } from "../../src/diagnostics/createDiagnostic.js";
import type { AccountsModel, Diagnostic } from "../../src/ir/types.js";
import type { SourceDocument } from "../../src/parsers/openapi/SourceDocument.js";

type Served = { bytes: Buffer } | { text: string };

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

function parsed({ json, document }: { json: Served; document: SourceDocument | undefined }): unknown {
  if (document) return document.value;
  return JSON.parse("bytes" in json ? json.bytes.toString("utf8") : json.text) as unknown;
}

/** `base[key]` and `extra[key]` (both objects) in one object, the base's entries first. */
function mergedSection({ base, extra, key }: { base: JsonObject; extra: JsonObject; key: string }): JsonObject {
  return { ...(isObject(base[key]) ? base[key] : {}), ...(isObject(extra[key]) ? extra[key] : {}) };
}

/**
 * The document served at /openapi.json and /docs: the spec as written, with the accounts routes' paths, schemas and
 * security scheme added when the project has accounts (addAccounts made sure no name is taken). A Swagger 2.0 spec is
 * served as written (VX134): the routes are OpenAPI 3.1 and cannot be listed in it.
 */
export function servedDocument({
  json,
  accounts,
  document,
  diagnostics,
}: {
  json: Served;
  accounts: AccountsModel | undefined;
  document: SourceDocument | undefined;
  diagnostics: Diagnostic[];
}): Served {
  if (!accounts) return json;
  const value = parsed({ json, document });
  if (!isObject(value) || !isObject(accounts.document)) return json;
  if (value.swagger !== undefined) {
    diagnostics.push(
      createDiagnostic({
        code: "VX134",
        message: "the accounts routes are served, but the Swagger 2.0 document at /openapi.json and /docs does not list them",
        help: "convert the spec to OpenAPI 3 to have them documented",
      }),
    );
    return json;
  }
  const extra = accounts.document;
  const components = isObject(value.components) ? value.components : {};
  const extraComponents = isObject(extra.components) ? extra.components : {};
  const merged = {
    ...value,
    paths: mergedSection({ base: value, extra, key: "paths" }),
    components: {
      ...components,
      schemas: mergedSection({ base: components, extra: extraComponents, key: "schemas" }),
      ...(isObject(extraComponents.securitySchemes) || isObject(components.securitySchemes)
        ? { securitySchemes: mergedSection({ base: components, extra: extraComponents, key: "securitySchemes" }) }
        : {}),
    },
  };
  return { text: `${JSON.stringify(merged, null, 2)}\n` };
}
