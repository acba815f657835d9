/** `Bearer <token68>` (RFC 6750 section 2.1), the scheme in any case, spaces around the token tolerated. */
const bearerPattern = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * The token of the request's `Authorization: Bearer <token>` header, or undefined when there is no such header, it is
 * given more than once, names another scheme, or carries no token (or one with characters a token cannot have).
 */
export function bearerToken(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const values: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== "authorization" || value === undefined) continue;
    if (Array.isArray(value)) values.push(...value);
    else values.push(value);
  }
  if (values.length !== 1) return undefined;
  return bearerPattern.exec(values[0] ?? "")?.[1];
}
