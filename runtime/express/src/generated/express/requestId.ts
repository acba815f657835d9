import type { RequestHandler, Response } from "express";
import { requestIdHeader, requestIdOf } from "../runtime/requestId.js";

/**
 * The first middleware: the request's id is the sane `x-request-id` it was sent with, else a random UUID; every
 * answer, errors included, carries it in `x-request-id`, and the request log line ends with it.
 */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const id = requestIdOf(req.headers[requestIdHeader]);
    res.locals.requestId = id;
    res.setHeader(requestIdHeader, id);
    next();
  };
}

/** The id `requestId` gave the request of `res` (undefined without that middleware). */
export function requestIdOfResponse(res: Response): string | undefined {
  const id: unknown = res.locals.requestId;
  return typeof id === "string" ? id : undefined;
}
