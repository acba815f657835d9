import { forEachSubschema, type SchemaValue } from "./forEachSubschema.js";
import { knownFormats } from "./knownFormats.js";

export interface UnknownFormat {
  format: string;
  /** JSON pointer of the schema object that names the format, from the schema passed in. */
  pointer: string;
}

/**
 * The `format` values in `schema` that generated validators do not know. They pass validation (any value is
 * accepted); the caller should warn at generation time (diagnostic VX115). Sorted by pointer.
 */
export function findUnknownFormats({ schema }: { schema: SchemaValue }): UnknownFormat[] {
  const known = knownFormats();
  const found: UnknownFormat[] = [];
  forEachSubschema({
    schema,
    visit: ({ schema: node, pointer }) => {
      const format = node["format"];
      if (typeof format === "string" && !Object.hasOwn(known, format)) found.push({ format, pointer });
    },
  });
  return found.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}
