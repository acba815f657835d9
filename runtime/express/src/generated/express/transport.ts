import compression from "compression";
import cors from "cors";
import type { RequestHandler } from "express";
import helmet from "helmet";
import {
  allowedCorsOrigin,
  contentSecurityPolicy,
  corsExposedHeaders,
  corsMethods,
  type ServerSettings,
} from "../runtime/serverSettings.js";

/** Answers smaller than this many bytes are sent as they are (compressing them saves nothing). */
export const compressionThreshold = 1_024;

/**
 * The first middlewares: compression of answers from 1 KiB up that the client accepts (`compression`: gzip or
 * deflate as `Accept-Encoding` asks, compressible media types only), security headers on every answer (`helmet`,
 * with a Content-Security-Policy `/docs` works under) and, when CORS_ORIGINS lists origins, CORS for those origins
 * only (`cors`): a request from another origin, or with no Origin, goes on as if CORS did not exist (an `OPTIONS` is
 * then answered by the routes).
 */
export function transport(settings: ServerSettings): RequestHandler[] {
  const headers = helmet({ contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy } });
  const compressed = compression({ threshold: compressionThreshold });
  if (settings.corsOrigins !== "*" && settings.corsOrigins.length === 0) return [compressed, headers];
  const crossOrigin = cors({
    origin: (origin, callback) => callback(null, allowedCorsOrigin({ settings, origin })),
    credentials: settings.corsCredentials,
    methods: [...corsMethods],
    exposedHeaders: [...corsExposedHeaders],
    maxAge: 600,
  });
  return [compressed, headers, crossOrigin];
}
