import compress from "@fastify/compress";
import cors from "@fastify/cors";
import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
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
 * Compression of answers from 1 KiB up that the client accepts (`@fastify/compress`: gzip, deflate or brotli as
 * `Accept-Encoding` asks; compressed media types as they are), security headers on every answer (`@fastify/helmet`,
 * with a Content-Security-Policy `/docs` works under) and, when
 * CORS_ORIGINS lists origins, CORS for those origins only (`@fastify/cors`): a request from another origin, or with
 * no Origin, is answered as if CORS did not exist. Registered on the server before the API's routes.
 */
export async function registerTransport({
  app,
  settings,
}: {
  app: FastifyInstance;
  settings: ServerSettings;
}): Promise<void> {
  await app.register(compress, { global: true, threshold: compressionThreshold });
  await app.register(helmet, { contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy } });
  if (settings.corsOrigins !== "*" && settings.corsOrigins.length === 0) return;
  await app.register(cors, {
    origin: (origin, callback) => callback(null, allowedCorsOrigin({ settings, origin })),
    credentials: settings.corsCredentials,
    methods: [...corsMethods],
    exposedHeaders: [...corsExposedHeaders],
    maxAge: 600,
    strictPreflight: false,
    // Its `OPTIONS *` route stays out of the docs; notFound.ts does not count it as a route of every path.
    hideOptionsRoute: true,
  });
}
