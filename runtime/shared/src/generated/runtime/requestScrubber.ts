import type { Logger } from "./context.js";
import { isSecretKey, redactLogValue } from "./redactLogValue.js";
import { redacted, secretHeaders, secretQueryParameters } from "./secrets.js";

/**
 * Secret values shorter than this are masked where they stand under their name (a field, a header), but not searched
 * for in free text, where replacing every `1` or `ab` would make messages unreadable without hiding anything.
 */
export const minScrubbedLength = 4;

/** What the scrubber reads of a request (the framework's, before or after parsing: both targets have these). */
export interface RequestParts {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The request target as received: path and query string. */
  url: string;
  /** The parsed body (`undefined` before parsing or without one). */
  body: unknown;
}

/** One request's secrets kept out of what is logged about it. */
export interface Scrubber {
  /** `text` with each of the request's secret values (as sent, JSON-escaped or percent-encoded) replaced. */
  text: (text: string) => string;
  /** `redactLogValue` of `value`, its strings scrubbed as `text`. */
  value: (value: unknown) => unknown;
  /** The logger with every message scrubbed (the logger handlers get). */
  logger: (logger: Logger) => Logger;
}

function headerValues(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The secret headers' values: whole, the credentials after `Authorization`'s scheme, each cookie's value. */
function headerSecrets(headers: RequestParts["headers"]): string[] {
  return secretHeaders.flatMap((name) =>
    headerValues(headers[name]).flatMap((value) => {
      const parts = name.endsWith("cookie")
        ? value.split(";").map((pair) => pair.slice(pair.indexOf("=") + 1).trim())
        : [value.slice(value.indexOf(" ") + 1).trim()];
      return [value, ...parts];
    }),
  );
}

/** The values of the secret query parameters (`api_key=...`, `access_token=...`). */
function querySecrets(url: string): string[] {
  const at = url.indexOf("?");
  if (at < 0) return [];
  const query = new URLSearchParams(url.slice(at + 1));
  return [...secretQueryParameters].flatMap((name) => query.getAll(name));
}

/** Every string or number under a secret field of the body, at any depth. */
function bodySecrets({ value, inSecret, out }: { value: unknown; inSecret: boolean; out: string[] }): string[] {
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint") {
    if (inSecret) out.push(String(value));
  } else if (Array.isArray(value)) {
    for (const item of value) bodySecrets({ value: item, inSecret, out });
  } else if (typeof value === "object" && value !== null && !ArrayBuffer.isView(value)) {
    // Bytes (an upload) hold no named field: not walked byte by byte.
    for (const [key, item] of Object.entries(value))
      bodySecrets({ value: item, inSecret: inSecret || isSecretKey(key), out });
  }
  return out;
}

/** Each secret as it may appear in text: as sent, inside a JSON string, percent-encoded; longest first. */
function searchedForms(secrets: readonly string[]): string[] {
  const forms = secrets.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  return [...new Set(forms)].filter((form) => form.length >= minScrubbedLength).sort((a, b) => b.length - a.length);
}

/**
 * The scrubber of one request: what its secret headers, secret query parameters and secret body fields carry is
 * replaced with `[REDACTED]` in any text or value logged about the request (an error's message and stack quoting the
 * body, a handler's message), on top of the masking by name of `redactLogValue`. The request's parts are read when
 * something is first scrubbed (the body as parsed by then).
 */
export function requestScrubber(request: RequestParts): Scrubber {
  // Gathered on the first use: most requests log nothing that needs it.
  let forms: string[] | undefined;
  const text = (input: string): string => {
    forms ??= searchedForms([
      ...headerSecrets(request.headers),
      ...querySecrets(request.url),
      ...bodySecrets({ value: request.body, inSecret: false, out: [] }),
    ]);
    return forms.reduce((result, form) => result.split(form).join(redacted), input);
  };
  return {
    text,
    value: (value) => redactLogValue({ value, scrubText: text }),
    logger: (logger) => ({
      info: (message) => logger.info(text(message)),
      warn: (message) => logger.warn(text(message)),
      error: (message) => logger.error(text(message)),
    }),
  };
}
