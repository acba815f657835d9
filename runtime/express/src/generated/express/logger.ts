import type { Request, RequestHandler } from "express";
import { pino, type DestinationStream, type Logger as PinoLogger } from "pino";
import { isSecretKey, redactLogValue } from "../runtime/redactLogValue.js";
import { redacted, redactUrl } from "../runtime/secrets.js";
import { requestIdOfResponse } from "./requestId.js";

const levels = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof levels)[number];

/** The app's logger: pino's, so the lines are the JSON a Fastify project writes (and its tools read). */
export type AppLogger = PinoLogger;

/** `LOG_LEVEL` as a level (`info` when unset or unknown). */
export function logLevel(value: string | undefined): LogLevel {
  return levels.find((level) => level === value) ?? "info";
}

/** A log line's object with `redactLogValue` applied to each member: a secret key's value is never written. */
function redactedLogObject(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => [key, isSecretKey(key) ? redacted : redactLogValue({ value })]),
  );
}

/**
 * A JSON-lines logger (pino) from `level` up, to stdout unless `destination` says otherwise. Every logged object goes
 * through `redactLogValue`: at any depth, the spec's password, `writeOnly` and `x-vx-pii` fields and the secret
 * headers are masked, errors logged as plain objects. The app logs no request header or body.
 */
export function jsonLogger({ level, destination }: { level: LogLevel; destination?: DestinationStream }): AppLogger {
  const options = { level, formatters: { log: redactedLogObject } };
  return destination === undefined ? pino(options) : pino(options, destination);
}

/** No output (the default of `createApp`, as in tests). */
export const silentLogger: AppLogger = pino({ level: "silent" });

/** The logger of one request: each of its lines carries the request's `reqId` (as a Fastify request's `log` does). */
export function requestLogger({ logger, req }: { logger: AppLogger; req: Request }): AppLogger {
  const reqId = req.res === undefined ? undefined : requestIdOfResponse(req.res);
  return reqId === undefined ? logger : logger.child({ reqId });
}

/**
 * One `request completed` line per answered request, with the fields of a Fastify project's: `reqId` (after the
 * `requestId` middleware), `req` (method, URL with the query parameters of the spec's API keys redacted, client
 * address: `req.ip`, the connection's or `X-Forwarded-For`'s as `trust proxy` allows), `res.statusCode` and
 * `responseTime` in ms. Headers and bodies are never logged.
 */
export function requestLog(logger: AppLogger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on("finish", () => {
      logger.info(
        {
          reqId: requestIdOfResponse(res),
          req: { method: req.method, url: redactUrl(req.originalUrl), remoteAddress: req.ip },
          res: { statusCode: res.statusCode },
          responseTime: Number((performance.now() - started).toFixed(1)),
        },
        "request completed",
      );
    });
    next();
  };
}
