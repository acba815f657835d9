import { closeApp, createApp } from "./generated/express/app.js";
import { createHttpServer } from "./generated/express/httpServer.js";
import { jsonLogger, logLevel } from "./generated/express/logger.js";
import { accountsHooks, createProjectAccounts, type ProjectAccounts } from "./generated/accounts/projectAccounts.js";
import { createPrismaClient } from "./generated/db/prismaClient.js";
import { enablePrismaTracing } from "./generated/db/prismaTracing.js";
import { limitsFromEnv, type Limits } from "./generated/runtime/limits.js";
import { rateLimitSettingsFromEnv, type RateLimitSettings } from "./generated/runtime/rateLimit.js";
import { serverSettingsFromEnv, type ServerSettings } from "./generated/runtime/serverSettings.js";
import { closeServer, drainServer } from "./generated/runtime/shutdown.js";
import { tlsFilesFromEnv, type TlsFiles } from "./generated/runtime/tlsFiles.js";
import { logHashKeyFromEnv } from "./generated/runtime/logHash.js";
import { startTracing, tracingSettingsFromEnv, type TracingSettings } from "./generated/runtime/tracing.js";
import type { SecurityVerifiers } from "./generated/security/types.js";
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
 * most) and disconnects the database. This file is yours: vx-gen wrote it once and will not overwrite it.
 */
let limits: Limits;
let settings: ServerSettings;
let rateLimit: RateLimitSettings;
let tracingSettings: TracingSettings | undefined;
let tls: TlsFiles | undefined;
let security: SecurityVerifiers;
try {
  loadEnvFile(".env");
  limits = limitsFromEnv(process.env);
  settings = serverSettingsFromEnv(process.env);
  rateLimit = rateLimitSettingsFromEnv({ env: process.env, credentialRoutes: true });
  tracingSettings = tracingSettingsFromEnv(process.env);
  tls = tlsFilesFromEnv(process.env);
  // Checked here for a one-line message (the app reads it again): LOG_HASH_KEY, when a field is `x-vx-pii: hash`.
  logHashKeyFromEnv({ env: process.env });
  security = securityVerifiers({ env: process.env });
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
const logger = jsonLogger({ level: logLevel(process.env.LOG_LEVEL) });
const prisma = createPrismaClient(process.env.DATABASE_URL ?? "file:./dev.db");
// The accounts (register, login...) read their settings too (JWT_SECRET, ACCESS_TOKEN_TTL, REDIS_URL...).
let accounts: ProjectAccounts;
try {
  accounts = createProjectAccounts({ prisma, env: process.env });
  // Logged-out tokens refused, HTTP basic checked against the users.
  security = securityVerifiers({ env: process.env, hooks: accountsHooks(accounts.accounts) });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const app = createApp({
  prisma,
  accounts: accounts.accounts,
  logger,
  limits,
  settings,
  rateLimit,
  ...(tracing === undefined ? {} : { tracing }),
  security,
  ...(process.env.BASE_PATH === undefined ? {} : { basePath: process.env.BASE_PATH }),
});
const server = createHttpServer({ app, limits, ...(tls === undefined ? {} : { tls }) });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal} received, shutting down`);
  // Finishes the requests under way; idle keep-alive connections are closed at once.
  const outcome = await drainServer({ server, close: () => closeServer(server), timeout: settings.shutdownTimeout });
  if (outcome === "forced")
    logger.warn(`requests still under way after SHUTDOWN_TIMEOUT (${settings.shutdownTimeout} ms) were cut off`);
  // The spans not sent yet.
  await tracing
    ?.shutdown()
    .catch((error: unknown) =>
      logger.warn(`traces not sent: ${error instanceof Error ? error.message : String(error)}`),
    );
  try {
    // The rate limits' Redis connection (REDIS_URL).
    await closeApp(app);
    await accounts.close();
    await prisma.$disconnect();
  } catch (error) {
    logger.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

server.on("error", (error) => {
  logger.error(error.message);
  process.exit(1);
});
server.listen(port, host, () => logger.info(`listening on ${tls === undefined ? "http" : "https"}://${host}:${port}`));

/** Sets the variables of an env file the environment does not set already; no file, nothing to do. */
function loadEnvFile(path: string): void {
  try {
    process.loadEnvFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
