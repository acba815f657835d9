import { readFileSync } from "node:fs";

/**
 * A JSON file vx-gen wrote under `src/generated/`, read relative to this module: from `src/generated/<path>` when the
 * sources run (tests), from `dist/generated/<path>` when built (`npm run build` copies every generated JSON file there
 * with scripts/copy-json.mjs), so `dist/` runs without `src/`.
 */
function generatedText(path: string): string {
  return readFileSync(new URL(`../${path}`, import.meta.url), "utf8");
}

/** The OpenAPI document as vx-gen wrote it (src/generated/openapi.json): what `/openapi.json` serves, byte for byte. */
export const openapiDocumentText: string = generatedText("openapi.json");

let parsedDocument: unknown;

/** The OpenAPI document, parsed on first use (for Swagger UI: a server without `/docs` never parses it). */
export function openapiDocument(): unknown {
  parsedDocument ??= JSON.parse(openapiDocumentText);
  return parsedDocument;
}

/** Every named schema of responses (src/generated/validation/responses.json): the serializer sends only documented fields. */
export const responseSchemas: { $id: string; $defs: Record<string, unknown> } = JSON.parse(
  generatedText("validation/responses.json"),
);
