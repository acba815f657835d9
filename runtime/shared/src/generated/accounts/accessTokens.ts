import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import type { AccountsSettings } from "./accountsSettings.js";

/** An issued access token, with the claims a logout needs to deny it. */
export interface IssuedAccessToken {
  token: string;
  jti: string;
  expiresAt: Date;
}

/** The claims holding `roles` at the dotted path `claim` (`realm_access.roles` nests them). */
export function rolesClaims({ claim, roles }: { claim: string; roles: readonly string[] }): Record<string, unknown> {
  return claim.split(".").reduceRight<unknown>((inner, segment) => ({ [segment]: inner }), [...roles]) as Record<
    string,
    unknown
  >;
}

/**
 * Signs an access token (HS256 with JWT_SECRET) that the bearer verifier of the same environment accepts. `session`
 * (the refresh token family it was issued with) goes in its `sid` claim, so a logout ends that session.
 */
export async function issueAccessToken({
  settings,
  userId,
  roles,
  now,
  session,
}: {
  settings: AccountsSettings;
  userId: string;
  roles: readonly string[];
  now: Date;
  session?: string;
}): Promise<IssuedAccessToken> {
  const jti = randomUUID();
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + settings.accessTokenTtlSeconds;
  const claims = rolesClaims({ claim: settings.rolesClaim, roles });
  const jwt = new SignJWT(session === undefined ? claims : { ...claims, sid: session })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setJti(jti)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt);
  if (settings.issuer !== undefined) jwt.setIssuer(settings.issuer);
  if (settings.audience !== undefined) jwt.setAudience(settings.audience);
  return { token: await jwt.sign(settings.secret), jti, expiresAt: new Date(expiresAt * 1000) };
}
