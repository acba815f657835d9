import { buildServer } from "./generated/fastify/app.js";
import { createPrismaClient } from "./generated/db/prismaClient.js";
import { limitsFromEnv, type Limits } from "./generated/runtime/limits.js";

/**
 * Starts the API: PORT (default 3000), HOST (default 0.0.0.0), DATABASE_URL (default file:./dev.db),
 * BASE_PATH (default: the path of the spec's first server URL), LOG_LEVEL (default info) and the request limits
 * (BODY_LIMIT 1048576, JSON_MAX_DEPTH 128, MAX_PARAM_LENGTH 100, MAX_HEADER_SIZE 16384, REQUEST_TIMEOUT 30000; see
 * src/generated/runtime/limits.ts). An invalid limit stops start-up with a message naming it. Stops gracefully on
 * SIGINT/SIGTERM. Fastify's own options (`trustProxy`, `genReqId`...) go in `buildServer`'s `server` option; to add
 * the API to a server of your own, register `api` from ./generated/fastify/app.js instead. This file is yours: vx-gen
 * wrote it once and will not overwrite it.
 */
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
let limits: Limits;
try {
  limits = limitsFromEnv(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const prisma = createPrismaClient(process.env.DATABASE_URL ?? "file:./dev.db");
const app = await buildServer({
  prisma,
  logger: { level: process.env.LOG_LEVEL ?? "info" },
  limits,
  ...(process.env.BASE_PATH === undefined ? {} : { basePath: process.env.BASE_PATH }),
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info(`${signal} received, shutting down`);
  try {
    await app.close();
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
