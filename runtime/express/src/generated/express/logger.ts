import type { RequestHandler } from "express";
import type { Logger } from "../runtime/context.js";
import { redactUrl } from "../runtime/secrets.js";
import { requestIdOfResponse } from "./requestId.js";

const levels = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof levels)[number];

/** `LOG_LEVEL` as a level (`info` when unset or unknown). */
export function logLevel(value: string | undefined): LogLevel {
  return levels.find((level) => level === value) ?? "info";
}

/**
 * A logger writing one line per message to stdout (info) or stderr (warn, error), from `level` up. Messages never
 * carry request headers or bodies (the app logs request lines with secrets redacted, error codes and stacks), so no
 * secret reaches the logs.
 */
export function consoleLogger(level: LogLevel): Logger {
  const from = levels.indexOf(level);
  const enabled = (at: LogLevel) => levels.indexOf(at) >= from;
  return {
    info: (message) => void (enabled("info") && console.log(message)),
    warn: (message) => void (enabled("warn") && console.warn(message)),
    error: (message) => void (enabled("error") && console.error(message)),
  };
}

/** No output (the default of `createApp`, as in tests). */
export const silentLogger: Logger = consoleLogger("silent");

/**
 * One info line per answered request: method, URL (the query parameters of the spec's API keys redacted), status,
 * time taken, `from=<client address>` (`req.ip`: the connection's, or `X-Forwarded-For`'s as `trust proxy` allows)
 * and, after the `requestId` middleware, `request=<id>`. Headers and bodies are never logged.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on("finish", () => {
      const id = requestIdOfResponse(res);
      const line = `${req.method} ${redactUrl(req.originalUrl)} ${res.statusCode} ${(performance.now() - started).toFixed(1)} ms from=${req.ip ?? "-"}`;
      logger.info(id === undefined ? line : `${line} request=${id}`);
    });
    next();
  };
}
