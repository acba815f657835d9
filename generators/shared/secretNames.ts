import { tsJson } from "../../src/emit/tsJson.js";
import type { SecurityScheme } from "../../src/ir/types.js";

/** Where credentials travel in a request: what the generated server never writes to its logs. */
export interface SecretNames {
  /** Lower-case header names: `authorization`, `proxy-authorization`, `cookie`, `set-cookie` and every `apiKey in: header`. */
  headers: string[];
  /** Query parameter names: every `apiKey in: query`, and `access_token` (RFC 6750) when a bearer-style scheme exists. */
  query: string[];
  /** Cookie names of `apiKey in: cookie` schemes (the whole `cookie` header is redacted anyway). */
  cookies: string[];
}

function sorted(names: Iterable<string>): string[] {
  return [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The request headers, query parameters and cookies that carry the credentials of the spec's security schemes
 * (`apiKey`, `http`, `oauth2`, `openIdConnect`), plus those that always may: `Authorization`, `Proxy-Authorization`
 * and cookies (`Cookie`, `Set-Cookie`). Sorted, without duplicates; the names are spec strings, printed by the template as `secretLiterals` gives them.
 */
export function secretNames(schemes: readonly SecurityScheme[]): SecretNames {
  const headers = ["authorization", "cookie", "proxy-authorization", "set-cookie"];
  const query: string[] = [];
  const cookies: string[] = [];
  for (const scheme of schemes) {
    if (scheme.kind === "apiKey") {
      if (scheme.in === "header") headers.push(scheme.paramName.toLowerCase());
      else if (scheme.in === "query") query.push(scheme.paramName);
      else cookies.push(scheme.paramName);
    } else if (scheme.kind === "oauth2" || scheme.kind === "openIdConnect" || (scheme.kind === "http" && scheme.scheme.toLowerCase() === "bearer")) {
      query.push("access_token");
    }
  }
  return { headers: sorted(headers), query: sorted(query), cookies: sorted(cookies) };
}

/**
 * The names as the TypeScript array literals the secrets template prints (spec strings: through `tsJson`), with the
 * body fields never logged (`sensitiveFieldNames`) and those of them logged as a keyed hash.
 */
export function secretLiterals({
  names,
  fields,
  hashed,
}: {
  names: SecretNames;
  fields: readonly string[];
  /** Those of `fields` logged as a keyed hash (`hashedFieldNames`). */
  hashed: readonly string[];
}): Record<keyof SecretNames | "fields" | "hashed", string> {
  return { headers: tsJson(names.headers), query: tsJson(names.query), cookies: tsJson(names.cookies), fields: tsJson([...fields]), hashed: tsJson([...hashed]) };
}
