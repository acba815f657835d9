import type { MediaContent, PartEncoding } from "../../ir/types.js";
import { childCursor, sourceOf, type ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";
import { derefCursor } from "./derefCursor.js";
import { isRecord } from "./jsonPointer.js";
import { readSchema } from "./readSchema.js";
import { toJsonSchema } from "./toJsonSchema.js";

/** An OpenAPI 3 `content` map, one entry per media type, sorted (the order the spec lists them in changes nothing). */
export function readMediaContents({ ctx, cursor: at }: { ctx: ReadContext; cursor: Cursor }): MediaContent[] {
  const cursor = derefCursor({ ctx, cursor: at });
  if (!cursor || !isRecord(cursor.value)) return [];
  return Object.keys(cursor.value).sort().map((mediaType) => {
    const at = childCursor({ cursor, segments: [mediaType] });
    const schemaCursor = childCursor({ cursor: at, segments: ["schema"] });
    const hasSchema = schemaCursor.value !== undefined;
    const encoding = readEncoding(isRecord(at.value) ? at.value.encoding : undefined);
    return {
      kind: "content",
      mediaType,
      schema: hasSchema ? readSchema({ ctx, cursor: schemaCursor }) : null,
      jsonSchema: hasSchema ? toJsonSchema({ ctx, cursor: schemaCursor }) : null,
      ...(encoding.length > 0 ? { encoding } : {}),
      source: sourceOf(at),
    };
  });
}

const styles = new Set(["form", "spaceDelimited", "pipeDelimited", "deepObject"]);

/**
 * A media type's `encoding` map, sorted by property: each part's `contentType`, and its `style` and `explode`, which
 * describe urlencoded forms (OpenAPI ignores them for multipart, whose parts are read in bracket notation anyway).
 * `allowReserved` changes nothing a server reads, and `headers` are not checked; entries with none of these are left
 * out.
 */
function readEncoding(value: unknown): PartEncoding[] {
  if (!isRecord(value)) return [];
  return Object.keys(value)
    .sort()
    .flatMap((property) => {
      const entry = value[property];
      if (!isRecord(entry)) return [];
      const contentType = typeof entry.contentType === "string" && entry.contentType.trim() !== "" ? entry.contentType : undefined;
      const style = typeof entry.style === "string" && styles.has(entry.style) ? (entry.style as NonNullable<PartEncoding["style"]>) : undefined;
      const explode = typeof entry.explode === "boolean" ? entry.explode : undefined;
      if (contentType === undefined && style === undefined && explode === undefined) return [];
      return [{ property, ...(contentType === undefined ? {} : { contentType }), ...(style === undefined ? {} : { style }), ...(explode === undefined ? {} : { explode }) }];
    });
}

/** Swagger 2.0: one schema served or accepted as each of the operation's media types (`produces` / `consumes`). */
export function contentsForMediaTypes({ ctx, schemaCursor, mediaTypes }: { ctx: ReadContext; schemaCursor: Cursor; mediaTypes: string[] }): MediaContent[] {
  if (schemaCursor.value === undefined) return [];
  const schema = readSchema({ ctx, cursor: schemaCursor });
  const jsonSchema = toJsonSchema({ ctx, cursor: schemaCursor });
  return mediaTypes.map((mediaType) => ({ kind: "content", mediaType, schema, jsonSchema, source: sourceOf(schemaCursor) }));
}
