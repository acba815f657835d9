import { buildServer } from "./generated/fastify/app.js";
import { createPrismaClient } from "./generated/db/prismaClient.js";
import { enablePrismaTracing } from "./generated/db/prismaTracing.js";
import { limitsFromEnv, type Limits } from "./generated/runtime/limits.js";
import { rateLimitSettingsFromEnv, type RateLimitSettings } from "./generated/runtime/rateLimit.js";
import { serverSettingsFromEnv, type ServerSettings } from "./generated/runtime/serverSettings.js";
import { drainServer } from "./generated/runtime/shutdown.js";
import { tlsFilesFromEnv, type TlsFiles } from "./generated/runtime/tlsFiles.js";
import { logHashKeyFromEnv } from "./generated/runtime/logHash.js";
import { startTracing, tracingSettingsFromEnv, type TracingSettings } from "./generated/runtime/tracing.js";
import { securityVerifiers } from "./generated/security/verifiers.js";

/**
 * Starts the API: PORT (default 3000), HOST (default 0.0.0.0), DATABASE_URL (default file:./dev.db),
 * BASE_PATH (default: the path of the spec's first server URL), LOG_LEVEL (default info) and the request limits
 * (BODY_LIMIT 1048576, JSON_MAX_DEPTH 128, MAX_PARAM_LENGTH 2400, MAX_HEADER_SIZE 16384, REQUEST_TIMEOUT 30000, HEADERS_TIMEOUT 20000, CONNECTION_TIMEOUT 120000, KEEP_ALIVE_TIMEOUT 72000; see
 * src/generated/runtime/limits.ts), CORS_ORIGINS, CORS_CREDENTIALS, DOCS, TRUST_PROXY and SHUTDOWN_TIMEOUT (see
 * src/generated/runtime/serverSettings.ts), OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_SERVICE_NAME (tracing; see
 * src/generated/runtime/tracing.ts), TLS_CERT_FILE and TLS_KEY_FILE (HTTPS; see src/generated/runtime/tlsFiles.ts), the rate limits (RATE_LIMIT_MAX, RATE_LIMIT_WINDOW, RATE_LIMIT_AUTH_MAX,
 * RATE_LIMIT_AUTH_WINDOW, RATE_LIMIT_PREFIX, REDIS_URL; see src/generated/runtime/rateLimit.ts), the settings of the
 * security schemes' default verifiers (JWT_SECRET,
 * API_KEYS...; see src/generated/security/verifiers.ts and the README). Variables in `.env` fill those the environment
 * does not set. An invalid limit or setting, or a missing or weak security setting, stops start-up with a message
 * naming it. On SIGINT/SIGTERM it stops accepting connections, answers the requests under way (for SHUTDOWN_TIMEOUT at
 * most) and disconnects the database. The accounts (register, login...) read theirs too
 * (JWT_SECRET, ACCESS_TOKEN_TTL, REDIS_URL...). Fastify's own options (`trustProxy`, `genReqId`...) go in `buildServer`'s `server` option; to add
 * the API to a server of your own, register `api` from ./generated/fastify/app.js instead. This file is yours: vx-gen
 * wrote it once and will not overwrite it.
 */
let limits: Limits;
let settings: ServerSettings;
let rateLimit: RateLimitSettings;
let tracingSettings: TracingSettings | undefined;
let tls: TlsFiles | undefined;
try {
  loadEnvFile(".env");
  limits = limitsFromEnv(process.env);
  settings = serverSettingsFromEnv(process.env);
  rateLimit = rateLimitSettingsFromEnv({ env: process.env, credentialRoutes: true });
  tracingSettings = tracingSettingsFromEnv(process.env);
  tls = tlsFilesFromEnv(process.env);
  // Checked here for a one-line message (the app reads it again): LOG_HASH_KEY, when a field is `x-vx-pii: hash`.
  logHashKeyFromEnv({ env: process.env });
  // Checked now, before anything starts; the app builds them again with the accounts' checks of revoked tokens.
  securityVerifiers({ env: process.env });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
// OpenTelemetry only with OTEL_EXPORTER_OTLP_ENDPOINT: otherwise its SDK, exporter and instrumentation are never loaded.
const tracing =
  tracingSettings === undefined
    ? undefined
    : await startTracing({ settings: tracingSettings, instrument: [enablePrismaTracing] });
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const prisma = createPrismaClient(process.env.DATABASE_URL ?? "file:./dev.db");
const app = await buildServer({
  prisma,
  logger: { level: process.env.LOG_LEVEL ?? "info" },
  limits,
  settings,
  rateLimit,
  ...(tracing === undefined ? {} : { tracing }),
  ...(tls === undefined ? {} : { tls }),
  ...(process.env.BASE_PATH === undefined ? {} : { basePath: process.env.BASE_PATH }),
}).catch((error: unknown) => {
  // A missing or weak accounts setting (JWT_SECRET...): its message names it.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info(`${signal} received, shutting down`);
  try {
    const outcome = await drainServer({
      server: app.server,
      close: () => app.close(),
      timeout: settings.shutdownTimeout,
    });
    if (outcome === "forced")
      app.log.warn(`requests still under way after SHUTDOWN_TIMEOUT (${settings.shutdownTimeout} ms) were cut off`);
    // The spans not sent yet.
    await tracing
      ?.shutdown()
      .catch((error: unknown) =>
        app.log.warn(`traces not sent: ${error instanceof Error ? error.message : String(error)}`),
      );
    await prisma.$disconnect();
    process.exit(0);
  } catch (error) {
    app.log.error(error);
    process.exit(1);
  }
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

try {
  await app.listen({ port, host });
} catch (error) {
  app.log.error(error);
  process.exit(1);
}

/** Sets the variables of an env file the environment does not set already; no file, nothing to do. */
function loadEnvFile(path: string): void {
  try {
    process.loadEnvFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
