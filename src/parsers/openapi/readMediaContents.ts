import type { MediaContent } from "../../ir/types.js";
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
    return {
      kind: "content",
      mediaType,
      schema: hasSchema ? readSchema({ ctx, cursor: schemaCursor }) : null,
      jsonSchema: hasSchema ? toJsonSchema({ ctx, cursor: schemaCursor }) : null,
      source: sourceOf(at),
    };
  });
}

/** Swagger 2.0: one schema served or accepted as each of the operation's media types (`produces` / `consumes`). */
export function contentsForMediaTypes({ ctx, schemaCursor, mediaTypes }: { ctx: ReadContext; schemaCursor: Cursor; mediaTypes: string[] }): MediaContent[] {
  if (schemaCursor.value === undefined) return [];
  const schema = readSchema({ ctx, cursor: schemaCursor });
  const jsonSchema = toJsonSchema({ ctx, cursor: schemaCursor });
  return mediaTypes.map((mediaType) => ({ kind: "content", mediaType, schema, jsonSchema, source: sourceOf(schemaCursor) }));
}
