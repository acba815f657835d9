/** A token68 (RFC 9110 section 11.2): what may follow the scheme word. */
const token68 = "([A-Za-z0-9\\-._~+/]+=*)";

/** Characters a scheme word needs escaped to stand literally in a regular expression. */
const special = /[.*+?^${}()|[\]\\]/g;

const patterns = new Map<string, RegExp>();

/** `<scheme> <token68>`, the scheme in any case, spaces around the token tolerated. */
function patternOf(scheme: string): RegExp {
  let pattern = patterns.get(scheme);
  if (pattern === undefined) {
    pattern = new RegExp(`^${scheme.replace(special, "\\$&")} +${token68} *$`, "i");
    patterns.set(scheme, pattern);
  }
  return pattern;
}

/**
 * The token of the request's `Authorization: <scheme> <token>` header (`Bearer` by default, RFC 6750 section 2.1;
 * `Token` for APIs that say `Authorization: Token <jwt>`), or undefined when there is no such header, it is given more
 * than once, names another scheme, or carries no token (or one with characters a token cannot have).
 */
export function authorizationToken({
  headers,
  scheme = "Bearer",
}: {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  scheme?: string;
}): string | undefined {
  const values: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== "authorization" || value === undefined) continue;
    if (Array.isArray(value)) values.push(...value);
    else values.push(value);
  }
  if (values.length !== 1) return undefined;
  return patternOf(scheme).exec(values[0] ?? "")?.[1];
}

/** The token of the request's `Authorization: Bearer <token>` header (see `authorizationToken`). */
export function bearerToken(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  return authorizationToken({ headers });
}
