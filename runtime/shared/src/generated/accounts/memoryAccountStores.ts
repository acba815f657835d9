import { randomUUID } from "node:crypto";
import type {
  AccountStores,
  DenyList,
  LoginThrottleStore,
  MfaRecord,
  MfaStore,
  RefreshTokenRecord,
  RefreshTokenStore,
  ThrottleState,
  UserRecord,
  UserStore,
} from "./accountStores.js";

/**
 * The account stores in memory, for tests and as the reference of their semantics: JavaScript runs each method's
 * synchronous part at once, so `markUsed` and `useRecoveryCode` are atomic. State is lost on restart and not shared
 * between instances.
 */
export function memoryAccountStores(): AccountStores {
  return {
    users: memoryUserStore(),
    refreshTokens: memoryRefreshTokenStore(),
    denyList: memoryDenyList(),
    throttle: memoryThrottleStore(),
    mfa: memoryMfaStore(),
  };
}

function memoryUserStore(): UserStore {
  const byId = new Map<string, UserRecord>();
  const byIdentifier = new Map<string, UserRecord>();
  return {
    findByIdentifier: (identifier) => Promise.resolve(byIdentifier.get(identifier)),
    findById: (id) => Promise.resolve(byId.get(id)),
    create: ({ identifier, passwordHash, fields }) => {
      if (byIdentifier.has(identifier)) return Promise.resolve("taken" as const);
      const roles = Array.isArray(fields["roles"]) ? fields["roles"].filter((r) => typeof r === "string") : [];
      const user: UserRecord = { id: randomUUID(), identifier, passwordHash, roles };
      byId.set(user.id, user);
      byIdentifier.set(identifier, user);
      return Promise.resolve({ id: user.id });
    },
  };
}

function memoryRefreshTokenStore(): RefreshTokenStore {
  const tokens = new Map<string, RefreshTokenRecord>();
  const revokeWhere = (matches: (record: RefreshTokenRecord) => boolean): Promise<void> => {
    for (const record of tokens.values()) if (matches(record)) record.revoked = true;
    return Promise.resolve();
  };
  return {
    insert: (record) => {
      tokens.set(record.tokenHash, { ...record, usedAt: undefined, revoked: false });
      return Promise.resolve();
    },
    find: (tokenHash) => {
      const record = tokens.get(tokenHash);
      return Promise.resolve(record === undefined ? undefined : { ...record });
    },
    markUsed: ({ tokenHash, at }) => {
      const record = tokens.get(tokenHash);
      if (record === undefined || record.usedAt !== undefined || record.revoked) return Promise.resolve(false);
      record.usedAt = at;
      return Promise.resolve(true);
    },
    revokeFamily: (family) => revokeWhere((record) => record.family === family),
    revokeUser: (userId) => revokeWhere((record) => record.userId === userId),
  };
}

function memoryDenyList(): DenyList {
  const entries = new Map<string, Date>();
  return {
    add: ({ jti, expiresAt }) => {
      entries.set(jti, expiresAt);
      return Promise.resolve();
    },
    has: (jti) => {
      const expiresAt = entries.get(jti);
      if (expiresAt === undefined) return Promise.resolve(false);
      if (expiresAt.getTime() > Date.now()) return Promise.resolve(true);
      entries.delete(jti);
      return Promise.resolve(false);
    },
  };
}

function memoryThrottleStore(): LoginThrottleStore {
  const states = new Map<string, ThrottleState>();
  return {
    get: (key) => Promise.resolve({ ...(states.get(key) ?? { failures: 0, lockedUntil: undefined }) }),
    addFailure: (key) => {
      const state = states.get(key) ?? { failures: 0, lockedUntil: undefined };
      states.set(key, { ...state, failures: state.failures + 1 });
      return Promise.resolve(state.failures + 1);
    },
    lock: ({ key, until }) => {
      const state = states.get(key);
      if (state !== undefined) state.lockedUntil = until;
      return Promise.resolve();
    },
    reset: (key) => {
      states.delete(key);
      return Promise.resolve();
    },
  };
}

function memoryMfaStore(): MfaStore {
  const records = new Map<string, MfaRecord>();
  const recoveryCodes = new Map<string, Set<string>>();
  return {
    get: (userId) => {
      const record = records.get(userId);
      return Promise.resolve(record === undefined ? undefined : { ...record });
    },
    set: ({ userId, record }) => {
      records.set(userId, { ...record });
      return Promise.resolve();
    },
    delete: (userId) => {
      records.delete(userId);
      recoveryCodes.delete(userId);
      return Promise.resolve();
    },
    useTotpStep: ({ userId, step }) => {
      const record = records.get(userId);
      if (record === undefined || (record.lastUsedStep !== undefined && record.lastUsedStep >= step))
        return Promise.resolve(false);
      record.lastUsedStep = step;
      return Promise.resolve(true);
    },
    replaceRecoveryCodes: ({ userId, codeHashes }) => {
      recoveryCodes.set(userId, new Set(codeHashes));
      return Promise.resolve();
    },
    useRecoveryCode: ({ userId, codeHash }) => Promise.resolve(recoveryCodes.get(userId)?.delete(codeHash) ?? false),
  };
}
