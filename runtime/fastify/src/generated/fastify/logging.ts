import type { FastifyRequest, FastifyServerOptions } from "fastify";
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

/**
 * The logger options with secrets kept out of the logs: request lines show the URL with the query parameters of the
 * spec's API keys redacted, and the values of `Authorization`, cookies and the schemes' headers are replaced with
 * `[REDACTED]` wherever a logged object carries them under `headers`. `false` (or nothing) stays no logger.
 */
export function redactingLogger(logger: FastifyServerOptions["logger"]): FastifyServerOptions["logger"] {
  if (logger === undefined || logger === false) return false;
  const options = logger === true ? {} : logger;
  const own = options.redact === undefined ? [] : Array.isArray(options.redact) ? options.redact : options.redact.paths;
  return {
    ...options,
    redact: { paths: [...own, ...redactPaths], censor: redacted },
    serializers: { ...options.serializers, req: requestSummary },
  };
}
