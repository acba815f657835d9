import type { preParsingHookHandler } from "fastify";
import { mediaTypeCheck, type MediaTypes } from "../runtime/mediaTypes.js";

export type { MediaTypes } from "../runtime/mediaTypes.js";

/**
 * The hook of a generated route documenting media types, checking them before the body is read: 415
 * UNSUPPORTED_MEDIA_TYPE, 406 NOT_ACCEPTABLE (see `mediaTypeCheck`). Runs after the security hooks.
 */
export function negotiation(types: MediaTypes): preParsingHookHandler {
  const check = mediaTypeCheck(types);
  return (request, _reply, payload, done) => {
    const error = check(request.headers);
    if (error !== undefined) return done(error);
    done(null, payload);
  };
}
