import { jsDocText } from "../../src/emit/jsDocText.js";
import { tsString } from "../../src/emit/tsString.js";

/** The last module made for each export (a spec's document is megabytes: escaping it again on every watch run shows). */
const last = new Map<string, { json: string; content: string }>();

/**
 * A TypeScript module exporting JSON data vx-gen wrote (`name`, parsed once when the module loads): imported, so
 * `tsc` builds it into `dist/` and the built server reads nothing from `src/`. The JSON is one string literal, not an
 * object literal: the compiler does not infer a type for megabytes of document, and `JSON.parse` of a string loads
 * faster than the equivalent literal.
 */
export function jsonModule({ name, type, doc, json }: { name: string; type: string; doc: string; json: string }): string {
  const known = last.get(name);
  if (known !== undefined && known.json === json) return known.content;
  // Compact: the file's indentation is for people reading the .json, not for the literal.
  const compact = JSON.stringify(JSON.parse(json));
  const content = `/** ${jsDocText(doc)} */\nexport const ${name}: ${type} = JSON.parse(${tsString(compact)});\n`;
  last.set(name, { json, content });
  return content;
}
