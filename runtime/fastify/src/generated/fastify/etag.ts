import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ifNoneMatchHits, strongEtag } from "../runtime/httpCache.js";

/** Whether a Content-Type header names JSON (`application/json`, `application/problem+json`...). */
function isJson(type: unknown): boolean {
  if (typeof type !== "string") return false;
  const essence = type.split(";")[0]?.trim().toLowerCase() ?? "";
  return essence === "application/json" || /^application\/[^/]+\+json$/.test(essence);
}

/**
 * A strong `ETag` (the hash of the serialized body) on every 200 JSON answer to GET, and 304 without a body when the
 * request's `If-None-Match` matches it. Not `@fastify/etag`: it tags every method and status, and would answer 304 to
 * a POST or an error whose body matches. Added before compression, so the tag is the uncompressed body's (as Express's
 * is) and a compressed answer still gets one.
 */
export function registerEtag(app: FastifyInstance): void {
  app.addHook("onSend", async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.method !== "GET" || reply.statusCode !== 200) return payload;
    if (!(typeof payload === "string" || Buffer.isBuffer(payload))) return payload;
    if (!isJson(reply.getHeader("content-type"))) return payload;
    const given = reply.getHeader("etag");
    const etag = typeof given === "string" ? given : strongEtag(payload);
    reply.header("etag", etag);
    if (!ifNoneMatchHits({ header: request.headers["if-none-match"], etag })) return payload;
    reply.code(304);
    return "";
  });
}
