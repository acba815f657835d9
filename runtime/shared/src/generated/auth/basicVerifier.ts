import type { SecurityResult, SecurityVerifier } from "../security/types.js";
import type { PasswordPrincipal } from "./principals.js";

export type { PasswordPrincipal } from "./principals.js";

/** Checks an identifier and password (throttled by `clientKey`, the client address): the user, or undefined. */
export type CheckPassword = (input: {
  identifier: string;
  password: string;
  clientKey: string;
}) => Promise<PasswordPrincipal | undefined>;

const challenge = 'Basic realm="api", charset="UTF-8"';

/** The identifier and password of an `Authorization: Basic` header (RFC 7617), or undefined when there are none. */
export function basicCredentials(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): { identifier: string; password: string } | undefined {
  const header = headers.authorization;
  if (typeof header !== "string") return undefined;
  const match = /^Basic[ ]+([A-Za-z0-9+/]+={0,2})[ ]*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return undefined;
  return { identifier: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * The verifier of an HTTP basic scheme against the accounts' users: 401 with the `Basic` challenge without
 * credentials or with wrong ones; the user as principal otherwise. Scopes an operation lists are 403 (users hold none).
 */
export function basicVerifier({ checkPassword }: { checkPassword: CheckPassword }): SecurityVerifier {
  return async ({ request, scopes }): Promise<SecurityResult> => {
    const credentials = basicCredentials(request.headers);
    if (!credentials) return { ok: false, message: "missing basic credentials", challenge };
    const principal = await checkPassword({ ...credentials, clientKey: request.ip });
    if (!principal) return { ok: false, message: "invalid credentials", challenge };
    if (scopes.some((scope) => !principal.scopes.includes(scope)))
      return { ok: false, forbidden: true, message: "insufficient scope" };
    return { ok: true, principal };
  };
}
