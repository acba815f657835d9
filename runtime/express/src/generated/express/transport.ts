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

/**
 * The first middlewares: security headers on every answer (`helmet`, with a Content-Security-Policy `/docs` works
 * under) and, when CORS_ORIGINS lists origins, CORS for those origins only (`cors`): a request from another origin,
 * or with no Origin, goes on as if CORS did not exist (an `OPTIONS` is then answered by the routes, 405 with `Allow`).
 */
export function transport(settings: ServerSettings): RequestHandler[] {
  const headers = helmet({ contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy } });
  if (settings.corsOrigins !== "*" && settings.corsOrigins.length === 0) return [headers];
  const crossOrigin = cors({
    origin: (origin, callback) => callback(null, allowedCorsOrigin({ settings, origin })),
    credentials: settings.corsCredentials,
    methods: [...corsMethods],
    exposedHeaders: [...corsExposedHeaders],
    maxAge: 600,
  });
  return [headers, crossOrigin];
}
