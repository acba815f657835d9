import type { FastifyError, FastifyRequest, FastifyServerOptions } from "fastify";
import { isSecretKey, redactLogValue } from "../runtime/redactLogValue.js";
import { redacted, redactUrl, secretHeaders } from "../runtime/secrets.js";

/** A header name pino's redaction paths can hold (an HTTP token); a name that is not one cannot be sent anyway. */
const token = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/** Redaction paths of the secret headers: under any object's `headers` (`req.headers`, `request.headers`) or at the top. */
const redactPaths = secretHeaders
  .filter((name) => token.test(name))
  .flatMap((name) => [`headers["${name}"]`, `*.headers["${name}"]`]);

/** What a request log line says about the request: its query's secrets redacted, no headers. */
function requestSummary(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket.remotePort,
  };
}

/** Keys pino hands to a serializer after `formatters.log` (Fastify's request and reply, errors): redacted there. */
const serializedKeys: ReadonlySet<string> = new Set(["req", "res", "err"]);

/** A log line's object with `redactLogValue` applied to each member a serializer does not take care of. */
function redactedLogObject(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => [
      key,
      serializedKeys.has(key) ? value : isSecretKey(key) ? redacted : redactLogValue({ value }),
    ]),
  );
}

/** An error as logged (`err`): type, message, stack and its own properties, redacted by `redactLogValue`. */
function errorSummary(error: FastifyError): { [key: string]: unknown; type: string; message: string; stack: string } {
  const copy = redactLogValue({ value: error });
  const fields = typeof copy === "object" && copy !== null ? (copy as Record<string, unknown>) : {};
  const text = (key: string): string => {
    const value = fields[key];
    return typeof value === "string" ? value : "";
  };
  return { ...fields, type: text("type"), message: text("message"), stack: text("stack") };
}

/**
 * The logger options with secrets kept out of the logs: request lines show the URL with the query parameters of the
 * spec's API keys redacted, and the values of `Authorization`, cookies and the schemes' headers are replaced with
 * `[REDACTED]` wherever a logged object carries them under `headers`. Every logged object also goes through
 * `redactLogValue` (after the caller's own `formatters.log`): at any depth, the spec's password, `writeOnly` and
 * `x-vx-pii` fields and the secret headers are masked, errors logged as plain objects. `false` (or nothing) stays no
 * logger.
 */
export function redactingLogger(logger: FastifyServerOptions["logger"]): FastifyServerOptions["logger"] {
  if (logger === undefined || logger === false) return false;
  const options = logger === true ? {} : logger;
  const own = options.redact === undefined ? [] : Array.isArray(options.redact) ? options.redact : options.redact.paths;
  return {
    ...options,
    redact: { paths: [...own, ...redactPaths], censor: redacted },
    serializers: {
      ...options.serializers,
      req: requestSummary,
      err: errorSummary,
    },
    formatters: {
      ...options.formatters,
      log: (object) => redactedLogObject(options.formatters?.log?.(object) ?? object),
    },
  };
}
