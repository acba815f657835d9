import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createSecretKey,
  hkdfSync,
  randomBytes,
  randomUUID,
  type KeyObject,
} from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { Secret, TOTP } from "otpauth";
import { issueAccessToken } from "./accessTokens.js";
import type { AccountStores, UserRecord } from "./accountStores.js";
import type { AccountsSettings } from "./accountsSettings.js";
import { lockoutSeconds } from "./lockoutSeconds.js";
import {
  defaultPasswordCost,
  dummyPasswordCheckAtCost,
  hashPasswordAtCost,
  verifyPassword,
  type PasswordCost,
} from "./passwordHash.js";

/** A signed-in account as the routes answer it (never its password hash). */
export interface AccountPrincipal {
  id: string;
  identifier: string;
  roles: readonly string[];
}

/** What a successful login or refresh answers (the OAuth 2 token response's fields, in camel case). */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: "Bearer";
  /** Seconds the access token is valid. */
  expiresIn: number;
  /** Seconds the refresh token is valid (the refresh cookie's Max-Age). */
  refreshExpiresIn: number;
}

export type RegisterResult =
  | { ok: true; user: AccountPrincipal }
  | { ok: false; reason: "taken" | "weak-password" | "invalid-identifier"; message: string };

/** A registration that signs the new account in at once (an API whose sign-up answers a token). */
export type SignUpResult =
  { ok: true; tokens: TokenPair; user: AccountPrincipal } | Extract<RegisterResult, { ok: false }>;

export type LoginFailure = { ok: false; reason: "invalid" | "locked"; retryAfterSeconds?: number };

/** A login's answer: tokens, a second factor to give (`loginMfa` with the challenge), or a refusal. */
export type LoginResult =
  | { ok: true; tokens: TokenPair; user: AccountPrincipal }
  | { ok: "mfa"; challenge: string; expiresIn: number }
  | LoginFailure;

export type MfaLoginResult = { ok: true; tokens: TokenPair; user: AccountPrincipal } | LoginFailure;

export type RefreshResult = { ok: true; tokens: TokenPair } | { ok: false; reason: "invalid" | "reused" };

export type TotpEnrolment =
  { ok: true; secret: string; uri: string } | { ok: false; reason: "unknown-user" | "already-enabled" };

export type ConfirmTotpResult = { ok: true; recoveryCodes: string[] } | { ok: false };

/** What happened, for an audit log: identifiers and ids only, never a password, code or token. */
export type AccountEvent =
  | { type: "register"; userId: string; identifier: string }
  | { type: "login"; userId: string; identifier: string; method: "password" | "mfa" }
  | { type: "login-failed"; identifier: string; userId: string | undefined }
  | { type: "locked"; identifier: string; retryAfterSeconds: number }
  | { type: "refresh"; userId: string }
  | { type: "refresh-reused"; userId: string }
  | { type: "logout"; userId: string | undefined; everywhere: boolean }
  | { type: "mfa-enabled"; userId: string }
  | { type: "mfa-disabled"; userId: string };

export interface Accounts {
  /**
   * Creates an account (identifier trimmed; its uniqueness is the user store's). `fields` go to the user store as
   * given: the caller passes only what the client may choose (never roles).
   */
  register(input: {
    identifier: string;
    password: string;
    fields?: Readonly<Record<string, unknown>>;
  }): Promise<RegisterResult>;
  /** `register`, then tokens for the new account (a new session), as a login would give them. */
  signUp(input: {
    identifier: string;
    password: string;
    fields?: Readonly<Record<string, unknown>>;
  }): Promise<SignUpResult>;
  /** `ip` is for the caller's logs and rate limits; the lockout is keyed by identifier only. */
  login(input: { identifier: string; password: string; ip: string }): Promise<LoginResult>;
  /** The second step of a login that answered `{ ok: "mfa" }`: its challenge and a TOTP or recovery code. */
  loginMfa(input: { challenge: string; code: string }): Promise<MfaLoginResult>;
  refresh(input: { refreshToken: string }): Promise<RefreshResult>;
  /**
   * Denies the access token (by jti) until it expires; revokes the refresh token family of its session (`sid`) and of
   * the refresh token, when given.
   */
  logout(input: {
    jti: string;
    expiresAt: Date;
    userId?: string;
    session?: string;
    refreshToken?: string;
  }): Promise<void>;
  logoutEverywhere(input: { userId: string }): Promise<void>;
  isRevoked(jti: string): Promise<boolean>;
  /** The account of a user id (the `sub` of its access tokens), or undefined when there is none. */
  user(userId: string): Promise<AccountPrincipal | undefined>;
  /**
   * For HTTP basic: the account when the password is right, throttled like `login`. An account with MFA enabled is
   * refused (basic cannot carry a code, and accepting the password alone would bypass the second factor).
   */
  checkPassword(input: { identifier: string; password: string }): Promise<AccountPrincipal | undefined>;
  enrolTotp(input: { userId: string }): Promise<TotpEnrolment>;
  confirmTotp(input: { userId: string; code: string }): Promise<ConfirmTotpResult>;
  /** Turns MFA off with a current TOTP code or a recovery code (throttled like a login). */
  disableTotp(input: { userId: string; code: string }): Promise<boolean>;
}

export const maximumPasswordLength = 1024;
export const maximumIdentifierLength = 320;
export const mfaChallengeSeconds = 300;
export const recoveryCodeCount = 10;
const challengeType = "vx-mfa-challenge+jwt";
const totp = { algorithm: "SHA1", digits: 6, period: 30, window: 1 } as const;
/** Crockford's base32 alphabet in lower case: no i, l, o or u (read as 1, 1, 0, or mistaken for v). */
const recoveryAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";

interface Context {
  stores: AccountStores;
  settings: AccountsSettings;
  now: () => Date;
  emit: (event: AccountEvent) => void;
  cost: PasswordCost;
  /** AES-256-GCM key of the TOTP secrets at rest. */
  totpKey: Buffer;
  /** HS256 key of the MFA challenges: not JWT_SECRET, so a challenge never verifies as an access token. */
  challengeKey: KeyObject;
}

/**
 * Register, login (with lockout and TOTP second factor), refresh token rotation, logout, HTTP basic password checks.
 *
 * Lockout: failures are counted per identifier (throttle key `id:<identifier>`, whether the account exists or not), so
 * guessing from many addresses is locked too; the price is that anyone can lock an account for up to
 * LOGIN_LOCKOUT_MAX by failing on purpose. `ip` is taken for the routes' rate limits and logs, not keyed on here.
 *
 * Keys derived from JWT_SECRET (HKDF-SHA256): the MFA challenge key and the TOTP secrets' encryption key. Changing
 * JWT_SECRET therefore makes every stored TOTP secret unreadable: users with MFA then need a recovery code.
 *
 * `onEvent` is called synchronously, in the request: it should hand the event on (a logger) and must not throw.
 */
export function createAccounts({
  stores,
  settings,
  now = () => new Date(),
  onEvent = () => undefined,
  passwordCost = defaultPasswordCost,
}: {
  stores: AccountStores;
  settings: AccountsSettings;
  now?: () => Date;
  onEvent?: (event: AccountEvent) => void;
  passwordCost?: PasswordCost;
}): Accounts {
  const ctx: Context = {
    stores,
    settings,
    now,
    emit: onEvent,
    cost: passwordCost,
    totpKey: deriveKey({ secret: settings.secret, info: "vx-accounts-totp" }),
    challengeKey: createSecretKey(deriveKey({ secret: settings.secret, info: "vx-accounts-mfa-challenge" })),
  };
  return {
    register: (input) => register({ ctx, ...input }),
    signUp: (input) => signUp({ ctx, ...input }),
    login: (input) => login({ ctx, ...input }),
    loginMfa: (input) => loginMfa({ ctx, ...input }),
    refresh: (input) => refresh({ ctx, ...input }),
    logout: (input) => logout({ ctx, ...input }),
    logoutEverywhere: (input) => logoutEverywhere({ ctx, ...input }),
    isRevoked: (jti) => stores.denyList.has(jti),
    user: async (userId) => {
      const user = await stores.users.findById(userId);
      return user === undefined ? undefined : principalOf(user);
    },
    checkPassword: (input) => checkPassword({ ctx, ...input }),
    enrolTotp: (input) => enrolTotp({ ctx, ...input }),
    confirmTotp: (input) => confirmTotp({ ctx, ...input }),
    disableTotp: (input) => disableTotp({ ctx, ...input }),
  };
}

function deriveKey({ secret, info }: { secret: KeyObject; info: string }): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), info, 32));
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function principalOf(user: UserRecord): AccountPrincipal {
  return { id: user.id, identifier: user.identifier, roles: [...user.roles] };
}

// Register

function passwordProblem({ ctx, password }: { ctx: Context; password: string }): string | undefined {
  const length = [...password].length;
  if (length < ctx.settings.passwordMinLength)
    return `The password must have at least ${ctx.settings.passwordMinLength} characters.`;
  if (length > maximumPasswordLength) return `The password must have at most ${maximumPasswordLength} characters.`;
  return undefined;
}

async function register({
  ctx,
  identifier,
  password,
  fields = {},
}: {
  ctx: Context;
  identifier: string;
  password: string;
  fields?: Readonly<Record<string, unknown>>;
}): Promise<RegisterResult> {
  const trimmed = identifier.trim();
  if (trimmed === "" || trimmed.length > maximumIdentifierLength)
    return { ok: false, reason: "invalid-identifier", message: "The identifier is empty or too long." };
  const problem = passwordProblem({ ctx, password });
  if (problem !== undefined) return { ok: false, reason: "weak-password", message: problem };
  const passwordHash = await hashPasswordAtCost({ password, cost: ctx.cost });
  const created = await ctx.stores.users.create({ identifier: trimmed, passwordHash, fields });
  if (created === "taken") return { ok: false, reason: "taken", message: "The identifier is already registered." };
  const user = await ctx.stores.users.findById(created.id);
  ctx.emit({ type: "register", userId: created.id, identifier: trimmed });
  return { ok: true, user: { id: created.id, identifier: trimmed, roles: [...(user?.roles ?? [])] } };
}

async function signUp(input: {
  ctx: Context;
  identifier: string;
  password: string;
  fields?: Readonly<Record<string, unknown>>;
}): Promise<SignUpResult> {
  const registered = await register(input);
  if (!registered.ok) return registered;
  const { ctx } = input;
  const user = await ctx.stores.users.findById(registered.user.id);
  // Gone between its creation and now (deleted at once): refused as if taken, never signed in.
  if (user === undefined) return { ok: false, reason: "taken", message: "The account could not be signed in." };
  const tokens = await issueTokens({ ctx, user, family: randomUUID() });
  ctx.emit({ type: "login", userId: user.id, identifier: user.identifier, method: "password" });
  return { ok: true, tokens, user: principalOf(user) };
}

// Throttle

function throttleKey(identifier: string): string {
  return `id:${identifier}`;
}

/** Seconds until the identifier may try again; 0 when it is not locked. */
async function lockedSeconds({ ctx, identifier }: { ctx: Context; identifier: string }): Promise<number> {
  const { lockedUntil } = await ctx.stores.throttle.get(throttleKey(identifier));
  if (lockedUntil === undefined) return 0;
  return Math.max(0, Math.ceil((lockedUntil.getTime() - ctx.now().getTime()) / 1000));
}

/** Counts a failure, locks the identifier once the count reaches LOGIN_MAX_FAILURES; the answer to give. */
async function recordFailure({
  ctx,
  identifier,
  userId,
}: {
  ctx: Context;
  identifier: string;
  userId: string | undefined;
}): Promise<LoginFailure> {
  const key = throttleKey(identifier);
  const failures = await ctx.stores.throttle.addFailure(key);
  ctx.emit({ type: "login-failed", identifier, userId });
  const { loginMaxFailures, lockoutBaseSeconds, lockoutMaxSeconds } = ctx.settings;
  const seconds = lockoutSeconds({
    failures,
    maxFailures: loginMaxFailures,
    baseSeconds: lockoutBaseSeconds,
    maxSeconds: lockoutMaxSeconds,
  });
  if (seconds === 0) return { ok: false, reason: "invalid" };
  await ctx.stores.throttle.lock({ key, until: new Date(ctx.now().getTime() + seconds * 1000) });
  ctx.emit({ type: "locked", identifier, retryAfterSeconds: seconds });
  return { ok: false, reason: "locked", retryAfterSeconds: seconds };
}

async function clearFailures({ ctx, identifier }: { ctx: Context; identifier: string }): Promise<void> {
  const key = throttleKey(identifier);
  if ((await ctx.stores.throttle.get(key)).failures > 0) await ctx.stores.throttle.reset(key);
}

// Password

/**
 * The account whose password this is, or the failure to answer. A locked identifier is refused before any password
 * work; an unknown one costs a dummy scrypt, so the answer's timing does not tell whether the account exists.
 */
async function authenticatePassword({
  ctx,
  identifier,
  password,
}: {
  ctx: Context;
  identifier: string;
  password: string;
}): Promise<{ ok: true; user: UserRecord } | LoginFailure> {
  const wait = await lockedSeconds({ ctx, identifier });
  if (wait > 0) return { ok: false, reason: "locked", retryAfterSeconds: wait };
  const user = await ctx.stores.users.findByIdentifier(identifier);
  if (user === undefined) await dummyPasswordCheckAtCost({ password, cost: ctx.cost });
  const valid = user !== undefined && (await verifyPassword({ password, stored: user.passwordHash }));
  if (!valid) return recordFailure({ ctx, identifier, userId: user?.id });
  return { ok: true, user };
}

async function hasConfirmedMfa({ ctx, userId }: { ctx: Context; userId: string }): Promise<boolean> {
  return (await ctx.stores.mfa.get(userId))?.confirmed === true;
}

/** Tokens for a fully authenticated user: failures forgotten, a new refresh token family. */
async function completeLogin({
  ctx,
  user,
  method,
}: {
  ctx: Context;
  user: UserRecord;
  method: "password" | "mfa";
}): Promise<{ ok: true; tokens: TokenPair; user: AccountPrincipal }> {
  await clearFailures({ ctx, identifier: user.identifier });
  const tokens = await issueTokens({ ctx, user, family: randomUUID() });
  ctx.emit({ type: "login", userId: user.id, identifier: user.identifier, method });
  return { ok: true, tokens, user: principalOf(user) };
}

/**
 * With MFA enabled, a right password gives a challenge and does not reset the failures: otherwise re-entering the
 * password would grant fresh attempts at the code.
 */
async function login({
  ctx,
  identifier,
  password,
}: {
  ctx: Context;
  identifier: string;
  password: string;
  ip: string;
}): Promise<LoginResult> {
  const checked = await authenticatePassword({ ctx, identifier: identifier.trim(), password });
  if (!checked.ok) return checked;
  if (await hasConfirmedMfa({ ctx, userId: checked.user.id })) {
    const challenge = await signChallenge({ ctx, userId: checked.user.id });
    return { ok: "mfa", challenge, expiresIn: mfaChallengeSeconds };
  }
  return completeLogin({ ctx, user: checked.user, method: "password" });
}

async function checkPassword({
  ctx,
  identifier,
  password,
}: {
  ctx: Context;
  identifier: string;
  password: string;
}): Promise<AccountPrincipal | undefined> {
  const checked = await authenticatePassword({ ctx, identifier: identifier.trim(), password });
  if (!checked.ok || (await hasConfirmedMfa({ ctx, userId: checked.user.id }))) return undefined;
  await clearFailures({ ctx, identifier: checked.user.identifier });
  return principalOf(checked.user);
}

// Tokens

/** An access token, and a refresh token (32 random bytes) stored only as its SHA-256 in `family`. */
async function issueTokens({
  ctx,
  user,
  family,
}: {
  ctx: Context;
  user: UserRecord;
  family: string;
}): Promise<TokenPair> {
  const now = ctx.now();
  const access = await issueAccessToken({
    settings: ctx.settings,
    userId: user.id,
    roles: user.roles,
    now,
    session: family,
  });
  const refreshToken = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ctx.settings.refreshTokenTtlSeconds * 1000);
  await ctx.stores.refreshTokens.insert({ tokenHash: sha256Hex(refreshToken), family, userId: user.id, expiresAt });
  return {
    accessToken: access.token,
    refreshToken,
    tokenType: "Bearer",
    expiresIn: ctx.settings.accessTokenTtlSeconds,
    refreshExpiresIn: ctx.settings.refreshTokenTtlSeconds,
  };
}

/** Rotation: a refresh token is good once; presenting a used one revokes its whole family (it was stolen or leaked). */
async function refresh({ ctx, refreshToken }: { ctx: Context; refreshToken: string }): Promise<RefreshResult> {
  const tokenHash = sha256Hex(refreshToken);
  const record = await ctx.stores.refreshTokens.find(tokenHash);
  if (record === undefined) return { ok: false, reason: "invalid" };
  if (record.usedAt === undefined && (record.revoked || record.expiresAt <= ctx.now()))
    return { ok: false, reason: "invalid" };
  if (!(await ctx.stores.refreshTokens.markUsed({ tokenHash, at: ctx.now() }))) {
    await ctx.stores.refreshTokens.revokeFamily(record.family);
    ctx.emit({ type: "refresh-reused", userId: record.userId });
    return { ok: false, reason: "reused" };
  }
  const user = await ctx.stores.users.findById(record.userId);
  if (user === undefined) return { ok: false, reason: "invalid" };
  const tokens = await issueTokens({ ctx, user, family: record.family });
  ctx.emit({ type: "refresh", userId: user.id });
  return { ok: true, tokens };
}

/**
 * A refresh token revokes only its own user's family when `userId` (the access token's subject) is given. `session`
 * is the access token's `sid`: a claim of a token this server signed, so its family is revoked as named.
 */
async function logout({
  ctx,
  jti,
  expiresAt,
  userId,
  session,
  refreshToken,
}: {
  ctx: Context;
  jti: string;
  expiresAt: Date;
  userId?: string;
  session?: string;
  refreshToken?: string;
}): Promise<void> {
  await ctx.stores.denyList.add({ jti, expiresAt });
  if (session !== undefined) await ctx.stores.refreshTokens.revokeFamily(session);
  const record = refreshToken === undefined ? undefined : await ctx.stores.refreshTokens.find(sha256Hex(refreshToken));
  if (record !== undefined && (userId === undefined || record.userId === userId))
    await ctx.stores.refreshTokens.revokeFamily(record.family);
  ctx.emit({ type: "logout", userId: userId ?? record?.userId, everywhere: false });
}

async function logoutEverywhere({ ctx, userId }: { ctx: Context; userId: string }): Promise<void> {
  await ctx.stores.refreshTokens.revokeUser(userId);
  ctx.emit({ type: "logout", userId, everywhere: true });
}

// MFA: challenge

async function signChallenge({ ctx, userId }: { ctx: Context; userId: string }): Promise<string> {
  const issuedAt = Math.floor(ctx.now().getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: challengeType })
    .setSubject(userId)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + mfaChallengeSeconds)
    .sign(ctx.challengeKey);
}

/** The user id a challenge names; undefined when it is not a valid, unexpired challenge of this server. */
async function readChallenge({ ctx, challenge }: { ctx: Context; challenge: string }): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(challenge, ctx.challengeKey, {
      algorithms: ["HS256"],
      typ: challengeType,
      requiredClaims: ["exp", "sub"],
      currentDate: ctx.now(),
    });
    return payload.sub;
  } catch {
    return undefined;
  }
}

async function loginMfa({
  ctx,
  challenge,
  code,
}: {
  ctx: Context;
  challenge: string;
  code: string;
}): Promise<MfaLoginResult> {
  const userId = await readChallenge({ ctx, challenge });
  const user = userId === undefined ? undefined : await ctx.stores.users.findById(userId);
  if (user === undefined) return { ok: false, reason: "invalid" };
  const checked = await checkSecondFactor({ ctx, user, code });
  if (checked !== true) return checked;
  return completeLogin({ ctx, user, method: "mfa" });
}

// MFA: codes

/**
 * A TOTP code or a recovery code of a user with MFA confirmed, throttled like a password (same key, same lockout);
 * true when accepted, else the failure to answer.
 */
async function checkSecondFactor({
  ctx,
  user,
  code,
}: {
  ctx: Context;
  user: UserRecord;
  code: string;
}): Promise<true | LoginFailure> {
  const wait = await lockedSeconds({ ctx, identifier: user.identifier });
  if (wait > 0) return { ok: false, reason: "locked", retryAfterSeconds: wait };
  const record = await ctx.stores.mfa.get(user.id);
  const accepted =
    record?.confirmed === true &&
    ((await useTotpCode({ ctx, userId: user.id, secret: record.secret, code })) ||
      (await useRecoveryCode({ ctx, userId: user.id, code })));
  if (!accepted) return recordFailure({ ctx, identifier: user.identifier, userId: user.id });
  return true;
}

/** Whether `code` is a current TOTP code (±1 step) not used before; its step is then used up. */
async function useTotpCode({
  ctx,
  userId,
  secret,
  code,
}: {
  ctx: Context;
  userId: string;
  secret: string;
  code: string;
}): Promise<boolean> {
  const token = code.replace(/\s/g, "");
  const base32 = openSecret({ ctx, userId, sealed: secret });
  if (!/^[0-9]{6}$/.test(token) || base32 === undefined) return false;
  const timestamp = ctx.now().getTime();
  const options = { secret: Secret.fromBase32(base32), timestamp, ...totp };
  const delta = TOTP.validate({ token, ...options });
  if (delta === null) return false;
  const step = TOTP.counter({ period: totp.period, timestamp }) + delta;
  return ctx.stores.mfa.useTotpStep({ userId, step });
}

/** A recovery code as stored: lower case, without dashes or spaces. */
function canonicalRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

async function useRecoveryCode({
  ctx,
  userId,
  code,
}: {
  ctx: Context;
  userId: string;
  code: string;
}): Promise<boolean> {
  const canonical = canonicalRecoveryCode(code);
  if (canonical.length !== 8) return false;
  return ctx.stores.mfa.useRecoveryCode({ userId, codeHash: sha256Hex(canonical) });
}

/** `count` codes `xxxx-xxxx` of 40 random bits each (32 symbols; a byte's low 5 bits keep them uniform). */
function newRecoveryCodes(count: number): string[] {
  return Array.from({ length: count }, () => {
    const symbols = [...randomBytes(8)].map((byte) => recoveryAlphabet[byte & 31] ?? "");
    return `${symbols.slice(0, 4).join("")}-${symbols.slice(4).join("")}`;
  });
}

// MFA: secrets at rest

/**
 * The TOTP secret encrypted at rest: AES-256-GCM with a key derived from JWT_SECRET (HKDF-SHA256, info
 * "vx-accounts-totp"), the user id as additional data (a secret copied to another user's row does not open), stored
 * as `v1.<iv>.<ciphertext>.<tag>` in base64url.
 */
function sealSecret({ ctx, userId, base32 }: { ctx: Context; userId: string; base32: string }): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ctx.totpKey, iv).setAAD(Buffer.from(userId, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(base32, "utf8"), cipher.final()]);
  return ["v1", iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString("base64url")).join(".");
}

/** The base32 secret, or undefined when `sealed` does not open (tampered, another user's, another JWT_SECRET). */
function openSecret({ ctx, userId, sealed }: { ctx: Context; userId: string; sealed: string }): string | undefined {
  const [version, iv, ciphertext, tag, ...rest] = sealed.split(".");
  if (version !== "v1" || iv === undefined || ciphertext === undefined || tag === undefined || rest.length > 0)
    return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", ctx.totpKey, Buffer.from(iv, "base64url"))
      .setAAD(Buffer.from(userId, "utf8"))
      .setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}

// MFA: enrolment

/** A new secret, stored unconfirmed (replacing an unconfirmed one); refused while MFA is enabled. */
async function enrolTotp({ ctx, userId }: { ctx: Context; userId: string }): Promise<TotpEnrolment> {
  const user = await ctx.stores.users.findById(userId);
  if (user === undefined) return { ok: false, reason: "unknown-user" };
  if (await hasConfirmedMfa({ ctx, userId })) return { ok: false, reason: "already-enabled" };
  const secret = new Secret({ size: 20 });
  const uri = new TOTP({ issuer: ctx.settings.totpIssuer, label: user.identifier, secret, ...totp }).toString();
  await ctx.stores.mfa.set({
    userId,
    record: { secret: sealSecret({ ctx, userId, base32: secret.base32 }), confirmed: false },
  });
  return { ok: true, secret: secret.base32, uri };
}

/** Confirms an enrolment with a first code from the authenticator; gives the recovery codes (shown once). */
async function confirmTotp({
  ctx,
  userId,
  code,
}: {
  ctx: Context;
  userId: string;
  code: string;
}): Promise<ConfirmTotpResult> {
  const record = await ctx.stores.mfa.get(userId);
  if (record === undefined || record.confirmed) return { ok: false };
  if (!(await useTotpCode({ ctx, userId, secret: record.secret, code }))) return { ok: false };
  const recoveryCodes = newRecoveryCodes(recoveryCodeCount);
  const codeHashes = recoveryCodes.map((recoveryCode) => sha256Hex(canonicalRecoveryCode(recoveryCode)));
  await ctx.stores.mfa.replaceRecoveryCodes({ userId, codeHashes });
  const lastUsedStep = (await ctx.stores.mfa.get(userId))?.lastUsedStep;
  await ctx.stores.mfa.set({ userId, record: { ...record, confirmed: true, lastUsedStep } });
  ctx.emit({ type: "mfa-enabled", userId });
  return { ok: true, recoveryCodes };
}

async function disableTotp({ ctx, userId, code }: { ctx: Context; userId: string; code: string }): Promise<boolean> {
  const user = await ctx.stores.users.findById(userId);
  if (user === undefined || !(await hasConfirmedMfa({ ctx, userId }))) return false;
  if ((await checkSecondFactor({ ctx, user, code })) !== true) return false;
  await ctx.stores.mfa.delete(userId);
  await clearFailures({ ctx, identifier: user.identifier });
  ctx.emit({ type: "mfa-disabled", userId });
  return true;
}
