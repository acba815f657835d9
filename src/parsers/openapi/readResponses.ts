import type { Response, ResponseHeader } from "../../ir/types.js";
import { childCursor, sourceOf, type ReadContext } from "./ReadContext.js";
import { cursorKey, type Cursor } from "./SpecFile.js";
import { derefCursor } from "./derefCursor.js";
import { isRecord } from "./jsonPointer.js";
import { contentsForMediaTypes, readMediaContents } from "./readMediaContents.js";
import { swaggerValueSchemaCursor } from "./readParameter.js";
import { readSchema } from "./readSchema.js";
import { sortResponses } from "./sortResponses.js";
import { closeEntry, openEntry, recordHit } from "./ReadRecording.js";

/** An operation's `responses` map, each response dereferenced, sorted (see `sortResponses`). */
export function readResponses({ ctx, cursor: at, produces }: { ctx: ReadContext; cursor: Cursor; produces: string[] }): Response[] {
  const cursor = derefCursor({ ctx, cursor: at });
  if (!cursor || !isRecord(cursor.value)) return [];
  const responses: Response[] = [];
  for (const status of Object.keys(cursor.value)) {
    if (status.startsWith("x-")) continue;
    const at = derefCursor({ ctx, cursor: childCursor({ cursor, segments: [status] }) });
    if (!at || !isRecord(at.value)) continue;
    // Swagger 2.0 content depends on the operation's `produces`, so only 3.x responses are shared.
    const key = ctx.version === "2.0" ? undefined : cursorKey(at);
    let body = key === undefined ? undefined : ctx.responseCache.get(key);
    if (body && key !== undefined) recordHit({ ctx, cache: "response", key, value: body });
    if (!body) {
      const parent = key === undefined ? undefined : openEntry(ctx);
      body = {
        kind: "response",
        description: typeof at.value.description === "string" ? at.value.description : "",
        headers: readHeaders({ ctx, cursor: childCursor({ cursor: at, segments: ["headers"] }) }),
        content:
          ctx.version === "2.0"
            ? contentsForMediaTypes({ ctx, schemaCursor: childCursor({ cursor: at, segments: ["schema"] }), mediaTypes: produces })
            : readMediaContents({ ctx, cursor: childCursor({ cursor: at, segments: ["content"] }) }),
        source: sourceOf(at),
      };
      if (key !== undefined) {
        closeEntry({ ctx, parent, cache: "response", key, value: body, cached: true });
        ctx.responseCache.set(key, body);
      }
    }
    responses.push({ ...body, status: status.toUpperCase() === "DEFAULT" ? "default" : status.toUpperCase() });
  }
  return sortResponses(responses);
}

/** A response's `headers` map, sorted by name. */
function readHeaders({ ctx, cursor: at }: { ctx: ReadContext; cursor: Cursor }): ResponseHeader[] {
  const cursor = derefCursor({ ctx, cursor: at });
  if (!cursor || !isRecord(cursor.value)) return [];
  const headers: ResponseHeader[] = [];
  for (const name of Object.keys(cursor.value).sort()) {
    const at = derefCursor({ ctx, cursor: childCursor({ cursor, segments: [name] }) });
    if (!at || !isRecord(at.value)) continue;
    let schemaCursor: Cursor;
    if (ctx.version === "2.0") schemaCursor = swaggerValueSchemaCursor({ cursor: at });
    else {
      schemaCursor = childCursor({ cursor: at, segments: ["schema"] });
      if (schemaCursor.value === undefined && isRecord(at.value.content)) {
        const mediaType = Object.keys(at.value.content)[0];
        if (mediaType !== undefined) schemaCursor = childCursor({ cursor: at, segments: ["content", mediaType, "schema"] });
      }
      if (schemaCursor.value === undefined) schemaCursor = { ...schemaCursor, value: {} };
    }
    headers.push({ name, required: at.value.required === true, schema: readSchema({ ctx, cursor: schemaCursor }) });
  }
  return headers;
}
