import { createRequire } from "node:module";

/**
 * Fast YAML-to-value parsing with js-yaml (the parser @apidevtools/json-schema-ref-parser uses): about 5x faster than
 * the `yaml` package on the 4 MB Stripe spec, which matters because specs are parsed on every run. Positions are not
 * needed here; `locateInYaml` builds them with the `yaml` package only when a diagnostic or `locate` asks.
 * js-yaml is resolved through swagger-parser's own dependency chain, so it is the copy that package ships with.
 */

interface JsYamlMark {
  line: number;
  column: number;
}

interface JsYamlError extends Error {
  reason?: string;
  mark?: JsYamlMark;
}

interface JsYamlSchema {
  extend(types: unknown[]): JsYamlSchema;
}

interface JsYaml {
  load(text: string, options: { schema: JsYamlSchema; maxDepth?: number }): unknown;
  CORE_SCHEMA: JsYamlSchema;
  types: { merge: unknown };
}

let cached: { yaml: JsYaml; schema: JsYamlSchema } | undefined;

function jsYaml(): { yaml: JsYaml; schema: JsYamlSchema } {
  if (cached) return cached;
  const fromSwaggerParser = createRequire(createRequire(import.meta.url).resolve("@apidevtools/swagger-parser"));
  const fromRefParser = createRequire(fromSwaggerParser.resolve("@apidevtools/json-schema-ref-parser"));
  const yaml = fromRefParser("js-yaml") as JsYaml;
  // YAML 1.2 core schema (no timestamps turning dates into Date objects), plus `<<` merge keys.
  cached = { yaml, schema: yaml.CORE_SCHEMA.extend([yaml.types.merge]) };
  return cached;
}

/**
 * Deepest YAML nesting accepted (js-yaml defaults to 100, which real specs can exceed: a schema nested 50 deep is
 * already 100 mapping levels). Deeper input is VX100 rather than a stack overflow; schemas deeper than
 * `MAX_SCHEMA_DEPTH` are cut later with VX111.
 */
export const MAX_YAML_DEPTH = 2000;

export type ParseYamlValueResult = { ok: true; value: unknown } | { ok: false; message: string; line?: number; column?: number };

export function parseYamlValue({ text }: { text: string }): ParseYamlValueResult {
  const { yaml, schema } = jsYaml();
  try {
    return { ok: true, value: yaml.load(text, { schema, maxDepth: MAX_YAML_DEPTH }) };
  } catch (error) {
    const tooDeep = `nesting too deep to parse (over ${MAX_YAML_DEPTH} levels or the stack limit)`;
    if (error instanceof RangeError) return { ok: false, message: tooDeep };
    const e = error as JsYamlError;
    const reason = e.reason ?? e.message.split("\n")[0] ?? "invalid YAML";
    const result: ParseYamlValueResult = { ok: false, message: reason.includes("maxDepth") ? tooDeep : reason };
    if (e.mark) {
      result.line = e.mark.line + 1;
      result.column = e.mark.column + 1;
    }
    return result;
  }
}
