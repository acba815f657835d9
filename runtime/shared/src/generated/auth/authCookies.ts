import { InvalidAuthSettingsError, type AuthEnv, type AuthSettingProblem } from "./authSettings.js";

/** The cookies the accounts set (and the CSRF cookie every cookie credential is checked against). */
export interface AuthCookieNames {
  /** The access token (HttpOnly, Path=/). */
  access: string;
  /** The refresh token (HttpOnly, sent only to the refresh route). */
  refresh: string;
  /** The CSRF token (readable by the page's script, which copies it into the `x-csrf-token` header). */
  csrf: string;
}

/** How tokens travel in cookies, from AUTH_COOKIES, AUTH_COOKIE_SAMESITE and AUTH_COOKIE_INSECURE. */
export interface AuthCookieSettings {
  /** AUTH_COOKIES=on: the login routes set the tokens as cookies and the bearer verifier reads the access cookie. */
  enabled: boolean;
  /** `Secure` on every cookie; false only with AUTH_COOKIE_INSECURE=on outside production (local http development). */
  secure: boolean;
  /** AUTH_COOKIE_SAMESITE: `Strict` by default, or `Lax`. */
  sameSite: "Strict" | "Lax";
  /**
   * `__Host-vx_access`, `__Secure-vx_refresh`, `__Host-vx_csrf` (the prefixes make browsers refuse them unless Secure,
   * and the `__Host-` ones from a subdomain); without the prefixes when not Secure (browsers would refuse them).
   */
  names: AuthCookieNames;
}

/** The CSRF cookie's name when cookies are Secure (the default): what a client setting its own API key cookie uses. */
export const secureCsrfCookie = "__Host-vx_csrf";

/** The names of the cookies, with the prefixes browsers enforce when they are Secure. */
export function authCookieNames(secure: boolean): AuthCookieNames {
  return secure
    ? { access: "__Host-vx_access", refresh: "__Secure-vx_refresh", csrf: secureCsrfCookie }
    : { access: "vx_access", refresh: "vx_refresh", csrf: "vx_csrf" };
}

function switchOf({
  env,
  variable,
  report,
}: {
  env: AuthEnv;
  variable: string;
  report: (problem: AuthSettingProblem) => void;
}): boolean {
  const text = env[variable]?.trim().toLowerCase() ?? "";
  if (text === "" || text === "off") return false;
  if (text === "on") return true;
  report({ variable, problem: "is neither on nor off" });
  return false;
}

/**
 * Reads the cookie settings; throws `InvalidAuthSettingsError` naming every wrong variable. AUTH_COOKIE_INSECURE=on
 * (cookies without `Secure`, for http://localhost) is refused when NODE_ENV is `production`: it is never a silent
 * fallback, and `insecureCookiesWarning` says so at start-up.
 */
export function authCookieSettingsFromEnv({ env }: { env: AuthEnv }): AuthCookieSettings {
  const problems: AuthSettingProblem[] = [];
  const report = (problem: AuthSettingProblem) => problems.push(problem);
  const enabled = switchOf({ env, variable: "AUTH_COOKIES", report });
  const insecure = switchOf({ env, variable: "AUTH_COOKIE_INSECURE", report });
  if (insecure && env["NODE_ENV"]?.trim() === "production")
    report({
      variable: "AUTH_COOKIE_INSECURE",
      problem: "is on while NODE_ENV is production (cookies must be Secure)",
    });
  const sameSiteText = env["AUTH_COOKIE_SAMESITE"]?.trim().toLowerCase() ?? "";
  if (!["", "strict", "lax"].includes(sameSiteText))
    report({ variable: "AUTH_COOKIE_SAMESITE", problem: "is neither strict nor lax" });
  if (problems.length > 0) throw new InvalidAuthSettingsError(problems);
  return {
    enabled,
    secure: !insecure,
    sameSite: sameSiteText === "lax" ? "Lax" : "Strict",
    names: authCookieNames(!insecure),
  };
}

/** What to log at start-up when the cookies are not Secure; undefined when they are. */
export function insecureCookiesWarning(settings: AuthCookieSettings): string | undefined {
  return settings.secure
    ? undefined
    : "AUTH_COOKIE_INSECURE=on: the authentication cookies are sent without Secure (local http development only)";
}

/** Characters a cookie value may hold (RFC 6265 cookie-octet): no space, quote, comma, semicolon or backslash. */
const cookieOctets = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;
/** A path as a cookie attribute: printable ASCII without `;`. */
const cookiePath = /^\/[\x20-\x3a\x3c-\x7e]*$/;

/** One `Set-Cookie` header value; throws on a value or path that could not be sent as is (never sent mangled). */
export function setCookieHeader({
  name,
  value,
  path,
  maxAgeSeconds,
  httpOnly,
  settings,
}: {
  name: string;
  value: string;
  path: string;
  maxAgeSeconds: number;
  httpOnly: boolean;
  settings: AuthCookieSettings;
}): string {
  if (!cookieOctets.test(value)) throw new Error(`the value of cookie ${name} has characters a cookie cannot hold`);
  if (!cookiePath.test(path)) throw new Error(`the path of cookie ${name} is not a path a cookie can have`);
  const attributes = [
    `${name}=${value}`,
    `Path=${path}`,
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    ...(httpOnly ? ["HttpOnly"] : []),
    ...(settings.secure ? ["Secure"] : []),
    `SameSite=${settings.sameSite}`,
  ];
  return attributes.join("; ");
}

/** Where the cookies go: the access and CSRF cookies to the whole site, the refresh cookie to its route only. */
export interface SessionCookiePaths {
  /** The refresh route's path as the browser sees it (base path included): `/api/v1/auth/refresh`. */
  refresh: string;
}

/**
 * The `Set-Cookie` headers of a login or refresh: the access token (HttpOnly, Path=/, as long as the token lives),
 * the refresh token (HttpOnly, only to the refresh route) and the CSRF token (not HttpOnly: the page's script reads
 * it and sends it back in `x-csrf-token`, which a page of another site cannot).
 */
export function sessionCookies({
  settings,
  paths,
  access,
  refresh,
  csrf,
}: {
  settings: AuthCookieSettings;
  paths: SessionCookiePaths;
  access: { token: string; maxAgeSeconds: number };
  refresh: { token: string; maxAgeSeconds: number };
  csrf: string;
}): string[] {
  const { names } = settings;
  return [
    setCookieHeader({
      name: names.access,
      value: access.token,
      path: "/",
      maxAgeSeconds: access.maxAgeSeconds,
      httpOnly: true,
      settings,
    }),
    setCookieHeader({
      name: names.refresh,
      value: refresh.token,
      path: paths.refresh,
      maxAgeSeconds: refresh.maxAgeSeconds,
      httpOnly: true,
      settings,
    }),
    setCookieHeader({
      name: names.csrf,
      value: csrf,
      path: "/",
      maxAgeSeconds: refresh.maxAgeSeconds,
      httpOnly: false,
      settings,
    }),
  ];
}

/** The `Set-Cookie` headers of a logout: the three cookies emptied and expired, with the paths they were set with. */
export function clearedSessionCookies({
  settings,
  paths,
}: {
  settings: AuthCookieSettings;
  paths: SessionCookiePaths;
}): string[] {
  const { names } = settings;
  return [
    setCookieHeader({ name: names.access, value: "", path: "/", maxAgeSeconds: 0, httpOnly: true, settings }),
    setCookieHeader({
      name: names.refresh,
      value: "",
      path: paths.refresh,
      maxAgeSeconds: 0,
      httpOnly: true,
      settings,
    }),
    setCookieHeader({ name: names.csrf, value: "", path: "/", maxAgeSeconds: 0, httpOnly: false, settings }),
  ];
}
