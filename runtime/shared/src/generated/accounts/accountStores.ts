/** The storage the accounts runtime needs; the generated project implements it with Prisma. */
export interface UserRecord {
  id: string;
  identifier: string;
  passwordHash: string;
  roles: readonly string[];
}

export interface UserStore {
  findByIdentifier(identifier: string): Promise<UserRecord | undefined>;
  findById(id: string): Promise<UserRecord | undefined>;
  /** Creates the user; "taken" when the identifier exists (unique violation). */
  create(input: {
    identifier: string;
    passwordHash: string;
    fields: Readonly<Record<string, unknown>>;
  }): Promise<{ id: string } | "taken">;
}

export interface RefreshTokenRecord {
  tokenHash: string;
  family: string;
  userId: string;
  expiresAt: Date;
  usedAt: Date | undefined;
  revoked: boolean;
}

export interface RefreshTokenStore {
  insert(record: { tokenHash: string; family: string; userId: string; expiresAt: Date }): Promise<void>;
  find(tokenHash: string): Promise<RefreshTokenRecord | undefined>;
  /** Atomically marks the token used; false when it already was (a reuse) or is revoked. */
  markUsed(input: { tokenHash: string; at: Date }): Promise<boolean>;
  revokeFamily(family: string): Promise<void>;
  revokeUser(userId: string): Promise<void>;
}

/** Revoked access tokens by jti, until they would have expired anyway. */
export interface DenyList {
  add(input: { jti: string; expiresAt: Date }): Promise<void>;
  has(jti: string): Promise<boolean>;
}

export interface ThrottleState {
  failures: number;
  lockedUntil: Date | undefined;
}

/**
 * Failed logins per key. `addFailure` counts atomically, so parallel guesses are each counted (a read-then-write would
 * let a burst of concurrent attempts count as one).
 */
export interface LoginThrottleStore {
  get(key: string): Promise<ThrottleState>;
  /** Atomically adds one failure; the count after it. */
  addFailure(key: string): Promise<number>;
  lock(input: { key: string; until: Date }): Promise<void>;
  reset(key: string): Promise<void>;
}

export interface MfaRecord {
  /** The TOTP secret as the accounts runtime stores it (encrypted by it, opaque to the store). */
  secret: string;
  confirmed: boolean;
  /** The TOTP time step of the last code accepted: a code is never accepted twice. */
  lastUsedStep?: number | undefined;
}

export interface MfaStore {
  get(userId: string): Promise<MfaRecord | undefined>;
  set(input: { userId: string; record: MfaRecord }): Promise<void>;
  delete(userId: string): Promise<void>;
  replaceRecoveryCodes(input: { userId: string; codeHashes: readonly string[] }): Promise<void>;
  /** Atomically records `step` as the last used TOTP step; false when a step at or after it was used already. */
  useTotpStep(input: { userId: string; step: number }): Promise<boolean>;
  /** Atomically consumes one recovery code; false when it is not (or no longer) there. */
  useRecoveryCode(input: { userId: string; codeHash: string }): Promise<boolean>;
}

export interface AccountStores {
  users: UserStore;
  refreshTokens: RefreshTokenStore;
  denyList: DenyList;
  throttle: LoginThrottleStore;
  mfa: MfaStore;
}
