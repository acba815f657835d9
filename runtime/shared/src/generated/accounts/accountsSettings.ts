import type { KeyObject } from "node:crypto";
import {
  authSettingsFromEnv,
  InvalidAuthSettingsError,
  type AuthEnv,
  type AuthSettingProblem,
  type JwtSettings,
} from "../auth/authSettings.js";

/** The settings of register, login, refresh and MFA, from the environment. */
export interface AccountsSettings {
  /** The HS256 key from JWT_SECRET: signs access and MFA tokens. */
  secret: KeyObject;
  /** The JWT settings as the bearer verifier reads them (issuer, audience, roles claim). */
  jwt: JwtSettings;
  /** Put in issued tokens' `iss` when set (JWT_ISSUER). */
  issuer: string | undefined;
  /** Put in issued tokens' `aud` when set (the first of JWT_AUDIENCE). */
  audience: string | undefined;
  /** The claim issued tokens carry the roles in (JWT_ROLES_CLAIM, a dotted path as the verifier reads it). */
  rolesClaim: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  loginMaxFailures: number;
  lockoutBaseSeconds: number;
  lockoutMaxSeconds: number;
  passwordMinLength: number;
  totpIssuer: string;
}

const durationPattern = /^([1-9][0-9]{0,8})(s|m|h|d)?$/;
const unitSeconds: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** Seconds in a duration such as `900`, `15m`, `12h` or `30d`; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const match = durationPattern.exec(text.trim());
  if (match === null) return undefined;
  return Number(match[1]) * (unitSeconds[match[2] ?? "s"] ?? 1);
}

type Report = (problem: AuthSettingProblem) => void;

function durationOf({
  env,
  variable,
  fallback,
  report,
}: {
  env: AuthEnv;
  variable: string;
  fallback: number;
  report: Report;
}): number {
  const text = env[variable]?.trim();
  if (text === undefined || text === "") return fallback;
  const seconds = parseDuration(text);
  if (seconds === undefined) report({ variable, problem: "is not a duration (e.g. 900, 15m, 12h, 30d)" });
  return seconds ?? fallback;
}

function integerOf({
  env,
  variable,
  fallback,
  minimum,
  report,
}: {
  env: AuthEnv;
  variable: string;
  fallback: number;
  minimum: number;
  report: Report;
}): number {
  const text = env[variable]?.trim();
  if (text === undefined || text === "") return fallback;
  if (!/^[0-9]{1,6}$/.test(text) || Number(text) < minimum) {
    report({ variable, problem: `is not a whole number of at least ${minimum}` });
    return fallback;
  }
  return Number(text);
}

function jwtSettingsOf({ env, report }: { env: AuthEnv; report: Report }): JwtSettings | undefined {
  try {
    return authSettingsFromEnv({ env, needs: { jwt: true, oidcDiscoveryUrls: [], apiKeys: false } }).jwt;
  } catch (error) {
    if (!(error instanceof InvalidAuthSettingsError)) throw error;
    for (const problem of error.problems) report(problem);
    return undefined;
  }
}

/** Reads the accounts settings; throws `InvalidAuthSettingsError` naming every wrong variable at once (never a value). */
export function accountsSettingsFromEnv({
  env,
  defaults,
}: {
  env: AuthEnv;
  defaults: { totpIssuer: string };
}): AccountsSettings {
  const problems: AuthSettingProblem[] = [];
  const report: Report = (problem) => problems.push(problem);
  const jwt = jwtSettingsOf({ env, report });
  if (jwt !== undefined && jwt.keySource.kind !== "secret")
    report({ variable: "JWT_SECRET", problem: "is required by the accounts routes (they sign access tokens with it)" });
  const numbers = {
    accessTokenTtlSeconds: durationOf({ env, variable: "ACCESS_TOKEN_TTL", fallback: 900, report }),
    refreshTokenTtlSeconds: durationOf({ env, variable: "REFRESH_TOKEN_TTL", fallback: 30 * 86_400, report }),
    loginMaxFailures: integerOf({ env, variable: "LOGIN_MAX_FAILURES", fallback: 5, minimum: 1, report }),
    lockoutBaseSeconds: durationOf({ env, variable: "LOGIN_LOCKOUT_BASE", fallback: 30, report }),
    lockoutMaxSeconds: durationOf({ env, variable: "LOGIN_LOCKOUT_MAX", fallback: 900, report }),
    passwordMinLength: integerOf({ env, variable: "PASSWORD_MIN_LENGTH", fallback: 10, minimum: 10, report }),
  };
  if (numbers.lockoutMaxSeconds < numbers.lockoutBaseSeconds)
    report({ variable: "LOGIN_LOCKOUT_MAX", problem: "is shorter than LOGIN_LOCKOUT_BASE" });
  const totpIssuer = env["TOTP_ISSUER"]?.trim() || defaults.totpIssuer;
  if (jwt === undefined || jwt.keySource.kind !== "secret" || problems.length > 0)
    throw new InvalidAuthSettingsError(problems);
  return {
    secret: jwt.keySource.key,
    jwt,
    issuer: jwt.issuer,
    audience: jwt.audience?.[0],
    rolesClaim: jwt.rolesClaim,
    ...numbers,
    totpIssuer,
  };
}
