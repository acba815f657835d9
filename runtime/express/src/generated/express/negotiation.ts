import type { RequestHandler } from "express";
import { mediaTypeCheck, type MediaTypes } from "../runtime/mediaTypes.js";

/**
 * The middleware of an operation checking media types before its body is read: 415 UNSUPPORTED_MEDIA_TYPE, 406
 * NOT_ACCEPTABLE (see `mediaTypeCheck`). Runs after the security check.
 */
export function negotiation(types: MediaTypes): RequestHandler {
  const check = mediaTypeCheck(types);
  return (req, _res, next) => {
    const error = check(req.headers);
    if (error !== undefined) throw error;
    next();
  };
}
