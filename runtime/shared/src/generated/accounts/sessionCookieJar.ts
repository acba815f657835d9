import { clearedSessionCookies, sessionCookies, type AuthCookieSettings } from "../auth/authCookies.js";
import { csrfProblem, newCsrfToken } from "../auth/csrf.js";
import { ApiError } from "../runtime/errors.js";
import { cookiesOf } from "../runtime/securityCheck.js";
import type { SecurityRequest } from "../security/types.js";
import type { TokenPair } from "./createAccounts.js";

/** The session cookies of one request, as the accounts routes read and set them (`context.session`). */
export interface SessionCookieJar {
  /** AUTH_COOKIES=on: the login routes set the tokens as cookies instead of answering them. */
  readonly enabled: boolean;
  /** Sets the tokens and a new CSRF token as cookies (the refresh cookie for `refreshPath`); the CSRF token. */
  issue(input: { tokens: TokenPair; refreshPath: string }): { csrfToken: string };
  /**
   * The refresh cookie's token (undefined when cookies are off or it is absent). A token from a cookie needs the CSRF
   * token like any cookie credential: without it this throws 403 CSRF_FAILED.
   */
  refreshToken(): string | undefined;
  /** Expires the three cookies (a logout). */
  clear(input: { refreshPath: string }): void;
}

/**
 * The session cookies of `request` (its method and headers, the cookies read from them when needed): `set` sends
 * `Set-Cookie` headers on the answer. `basePath` is where the API is mounted: the refresh cookie's path is the refresh
 * route's as the browser sees it.
 */
export function sessionCookieJar({
  settings,
  basePath,
  request,
  set,
}: {
  settings: AuthCookieSettings;
  basePath: string;
  request: { method: string; headers: SecurityRequest["headers"] };
  set: (headers: string[]) => void;
}): SessionCookieJar {
  const paths = (refreshPath: string) => ({ refresh: `${basePath}${refreshPath}` });
  return {
    enabled: settings.enabled,
    issue: ({ tokens, refreshPath }) => {
      const csrfToken = newCsrfToken();
      set(
        sessionCookies({
          settings,
          paths: paths(refreshPath),
          access: { token: tokens.accessToken, maxAgeSeconds: tokens.expiresIn },
          refresh: { token: tokens.refreshToken, maxAgeSeconds: tokens.refreshExpiresIn },
          csrf: csrfToken,
        }),
      );
      return { csrfToken };
    },
    refreshToken: () => {
      if (!settings.enabled) return undefined;
      const header = request.headers["cookie"];
      const cookies = cookiesOf(typeof header === "string" ? header : undefined);
      const name = settings.names.refresh;
      const token = Object.hasOwn(cookies, name) ? cookies[name] : undefined;
      if (token === undefined || token === "") return undefined;
      const problem = csrfProblem({
        request: { headers: request.headers, query: {}, cookies, ip: "", method: request.method },
        cookieName: settings.names.csrf,
      });
      if (problem !== undefined)
        throw new ApiError({
          code: "CSRF_FAILED",
          message: "missing or wrong CSRF token (x-csrf-token)",
          reasons: [`refresh cookie: ${problem}`],
        });
      return token;
    },
    clear: ({ refreshPath }) => {
      if (settings.enabled) set(clearedSessionCookies({ settings, paths: paths(refreshPath) }));
    },
  };
}

/** A login's or refresh's answer: the tokens, or with cookies on only their type, lifetime and the CSRF token. */
export interface TokensAnswer<Type extends string = "Bearer"> {
  accessToken?: string;
  refreshToken?: string;
  /** The word to send the access token under: `Authorization: <tokenType> <accessToken>` (`Bearer`, or the API's own). */
  tokenType: Type;
  expiresIn: number;
  csrfToken?: string;
}

/**
 * The body of a login or refresh: the tokens; with AUTH_COOKIES=on they are set as cookies instead (HttpOnly: the
 * page's script never holds them) and the body has the CSRF token to send in `x-csrf-token`.
 */
export function tokensAnswer<Type extends string = "Bearer">({
  tokens,
  session,
  refreshPath,
  tokenType,
}: {
  tokens: TokenPair;
  session: SessionCookieJar;
  refreshPath: string;
  /** The API's scheme word for its tokens (`Token` for `Authorization: Token <jwt>`). */
  tokenType?: Type;
}): TokensAnswer<Type> {
  // Without `tokenType`, `Type` is its default, "Bearer".
  const type = tokenType ?? ("Bearer" as Type);
  if (!session.enabled)
    return {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      tokenType: type,
      expiresIn: tokens.expiresIn,
    };
  const { csrfToken } = session.issue({ tokens, refreshPath });
  return { tokenType: type, expiresIn: tokens.expiresIn, csrfToken };
}
