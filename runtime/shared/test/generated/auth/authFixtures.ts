import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";
import { authSettingsFromEnv, type AuthNeeds, type JwtSettings } from "../../../src/generated/auth/authSettings.js";

/** Now, in seconds since the epoch (JWT time). */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A signed JWT: `iat` now and `exp` in five minutes unless the payload says otherwise (`exp: undefined` leaves it out). */
export async function mint({
  key,
  alg,
  kid,
  payload = {},
}: {
  key: CryptoKey | Uint8Array;
  alg: string;
  kid?: string;
  payload?: JWTPayload;
}): Promise<string> {
  const claims: JWTPayload = { sub: "user-1", iat: nowSeconds(), exp: nowSeconds() + 300, ...payload };
  for (const name of Object.keys(claims)) if (claims[name] === undefined) delete claims[name];
  return new SignJWT(claims).setProtectedHeader({ alg, typ: "JWT", ...(kid !== undefined ? { kid } : {}) }).sign(key);
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** An unsecured JWT (`alg: none`, empty signature), written by hand: jose will not make one for verification. */
export function unsecuredToken(payload: JWTPayload = {}): string {
  return `${base64url({ alg: "none", typ: "JWT" })}.${base64url({ sub: "user-1", exp: nowSeconds() + 300, ...payload })}.`;
}

export interface TestKeyPair {
  alg: string;
  kid: string;
  privateKey: CryptoKey;
  publicPem: string;
  /** The public key as a JWK, with its `kid`, `alg` and `use`. */
  jwk: JWK;
}

export async function keyPair({
  alg,
  kid = alg,
  crv,
}: {
  alg: string;
  kid?: string;
  crv?: string;
}): Promise<TestKeyPair> {
  const { publicKey, privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(crv !== undefined ? { crv } : {}),
  });
  return {
    alg,
    kid,
    privateKey,
    publicPem: await exportSPKI(publicKey),
    jwk: { ...(await exportJWK(publicKey)), kid, alg, use: "sig" },
  };
}

/** What the key server answers on a path: a JSON body, or an HTTP status without one (and a redirect's location). */
export type Answer = { body: unknown } | { status: number; location?: string };

/** A local HTTP server (127.0.0.1) answering JSON per path, counting requests: a JWKS endpoint, an OIDC provider. */
export interface KeyServer {
  readonly base: string;
  answers: Map<string, Answer>;
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startKeyServer(): Promise<KeyServer> {
  const answers = new Map<string, Answer>();
  const counts = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const answer = answers.get(path) ?? { status: 404 };
    if ("status" in answer)
      response.writeHead(answer.status, answer.location !== undefined ? { location: answer.location } : {}).end();
    else response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    answers,
    hits: (path) => counts.get(path) ?? 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The JWT settings of the environment given (only a bearer scheme needed). */
export function jwtSettings(env: Record<string, string | undefined>): JwtSettings {
  const needs: AuthNeeds = { jwt: true, oidcDiscoveryUrls: [], apiKeys: false };
  const settings = authSettingsFromEnv({ env, needs }).jwt;
  if (!settings) throw new Error("no JWT settings");
  return settings;
}

/** A 48-byte HS256 secret. */
export const testSecret = "s3cret-for-tests-only-0123456789-abcdefghijklmn";
