/*
 * The account stores in the project's database, through Prisma. The generator adds these models to the schema:
 *
 * model VxRefreshToken {
 *   tokenHash String    @id
 *   family    String
 *   userId    String
 *   expiresAt DateTime
 *   usedAt    DateTime?
 *   revoked   Boolean   @default(false)
 *   createdAt DateTime  @default(now())
 *   @@index([family])
 *   @@index([userId])
 * }
 * model VxRevokedToken {
 *   jti       String   @id
 *   expiresAt DateTime
 *   @@index([expiresAt])
 * }
 * model VxLoginThrottle {
 *   key         String    @id
 *   failures    Int
 *   lockedUntil DateTime?
 * }
 * model VxMfa {
 *   userId       String  @id
 *   secret       String
 *   confirmed    Boolean
 *   lastUsedStep Int?
 * }
 * model VxRecoveryCode {
 *   userId   String
 *   codeHash String
 *   @@id([userId, codeHash])
 * }
 */
import type {
  AccountStores,
  DenyList,
  LoginThrottleStore,
  MfaStore,
  RefreshTokenRecord,
  RefreshTokenStore,
  UserStore,
} from "./accountStores.js";

interface BatchPayload {
  count: number;
}

interface VxRefreshTokenRow {
  tokenHash: string;
  family: string;
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
  revoked: boolean;
}

interface VxRevokedTokenRow {
  jti: string;
  expiresAt: Date;
}

interface VxLoginThrottleRow {
  key: string;
  failures: number;
  lockedUntil: Date | null;
}

interface VxMfaRow {
  userId: string;
  secret: string;
  confirmed: boolean;
  lastUsedStep: number | null;
}

type Expired = { expiresAt: { lt: Date } };

/**
 * What the stores use of a Prisma client: the five models' delegates, with only the calls made here. A generated
 * `PrismaClient` (whose schema has the models above) satisfies it, so this file compiles without one.
 */
export interface PrismaAccountsClient {
  vxRefreshToken: {
    create(args: { data: { tokenHash: string; family: string; userId: string; expiresAt: Date } }): Promise<unknown>;
    findUnique(args: { where: { tokenHash: string } }): Promise<VxRefreshTokenRow | null>;
    updateMany(args: {
      where: { tokenHash: string; usedAt: null; revoked: false } | { family: string } | { userId: string };
      data: { usedAt: Date } | { revoked: true };
    }): Promise<BatchPayload>;
    deleteMany(args: { where: Expired }): Promise<BatchPayload>;
  };
  vxRevokedToken: {
    upsert(args: {
      where: { jti: string };
      create: { jti: string; expiresAt: Date };
      update: { expiresAt: Date };
    }): Promise<unknown>;
    findUnique(args: { where: { jti: string } }): Promise<VxRevokedTokenRow | null>;
    deleteMany(args: { where: Expired }): Promise<BatchPayload>;
  };
  vxLoginThrottle: {
    findUnique(args: { where: { key: string } }): Promise<VxLoginThrottleRow | null>;
    upsert(args: {
      where: { key: string };
      create: { key: string; failures: number };
      update: { failures: { increment: number } };
    }): Promise<VxLoginThrottleRow>;
    updateMany(args: { where: { key: string }; data: { lockedUntil: Date } }): Promise<BatchPayload>;
    deleteMany(args: { where: { key: string } }): Promise<BatchPayload>;
  };
  vxMfa: {
    findUnique(args: { where: { userId: string } }): Promise<VxMfaRow | null>;
    upsert(args: { where: { userId: string }; create: VxMfaRow; update: Omit<VxMfaRow, "userId"> }): Promise<unknown>;
    updateMany(args: {
      where: { userId: string; OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: number } }] };
      data: { lastUsedStep: number };
    }): Promise<BatchPayload>;
    deleteMany(args: { where: { userId: string } }): Promise<BatchPayload>;
  };
  vxRecoveryCode: {
    createMany(args: { data: { userId: string; codeHash: string }[] }): Promise<BatchPayload>;
    deleteMany(args: { where: { userId: string; codeHash?: string } }): Promise<BatchPayload>;
  };
}

/** Expired rows are deleted on every `pruneEvery`-th insert (per process): tables stay small without a scheduled job. */
export const pruneEvery = 100;

/** The account stores in Prisma; `users` is the store over the project's user model (generated per model). */
export function prismaAccountStores({
  client,
  users,
}: {
  client: PrismaAccountsClient;
  users: UserStore;
}): AccountStores {
  return {
    users,
    refreshTokens: prismaRefreshTokenStore(client),
    denyList: prismaDenyList(client),
    throttle: prismaThrottleStore(client),
    mfa: prismaMfaStore(client),
  };
}

/** A function that is true on every `pruneEvery`-th call. */
function pruneCounter(): () => boolean {
  let calls = 0;
  return () => {
    calls = (calls + 1) % pruneEvery;
    return calls === 0;
  };
}

function refreshTokenRecord(row: VxRefreshTokenRow): RefreshTokenRecord {
  const { tokenHash, family, userId, expiresAt, usedAt, revoked } = row;
  return { tokenHash, family, userId, expiresAt, usedAt: usedAt ?? undefined, revoked };
}

/**
 * `markUsed` is one conditional UPDATE (`usedAt` null and not revoked): of concurrent uses, the database lets exactly
 * one change the row. Expired tokens are pruned on insert (an expired token is refused whether or not it is there).
 */
function prismaRefreshTokenStore(client: PrismaAccountsClient): RefreshTokenStore {
  const delegate = client.vxRefreshToken;
  const due = pruneCounter();
  return {
    insert: async (data) => {
      await delegate.create({ data });
      if (due()) await delegate.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    },
    find: async (tokenHash) => {
      const row = await delegate.findUnique({ where: { tokenHash } });
      return row === null ? undefined : refreshTokenRecord(row);
    },
    markUsed: async ({ tokenHash, at }) => {
      const updated = await delegate.updateMany({
        where: { tokenHash, usedAt: null, revoked: false },
        data: { usedAt: at },
      });
      return updated.count === 1;
    },
    revokeFamily: async (family) => {
      await delegate.updateMany({ where: { family }, data: { revoked: true } });
    },
    revokeUser: async (userId) => {
      await delegate.updateMany({ where: { userId }, data: { revoked: true } });
    },
  };
}

/** `has` ignores expired rows; `add` skips an expired token and prunes expired rows on every `pruneEvery`-th add. */
function prismaDenyList(client: PrismaAccountsClient): DenyList {
  const delegate = client.vxRevokedToken;
  const due = pruneCounter();
  return {
    add: async ({ jti, expiresAt }) => {
      if (expiresAt.getTime() <= Date.now()) return;
      await delegate.upsert({ where: { jti }, create: { jti, expiresAt }, update: { expiresAt } });
      if (due()) await delegate.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    },
    has: async (jti) => {
      const row = await delegate.findUnique({ where: { jti } });
      return row !== null && row.expiresAt.getTime() > Date.now();
    },
  };
}

/**
 * `addFailure` is one upsert incrementing in the database (Prisma runs it as INSERT ... ON CONFLICT DO UPDATE: the
 * where is the one unique field), so concurrent failures are each counted.
 */
function prismaThrottleStore(client: PrismaAccountsClient): LoginThrottleStore {
  const delegate = client.vxLoginThrottle;
  return {
    get: async (key) => {
      const row = await delegate.findUnique({ where: { key } });
      return { failures: row?.failures ?? 0, lockedUntil: row?.lockedUntil ?? undefined };
    },
    addFailure: async (key) => {
      const update = { failures: { increment: 1 } };
      return (await delegate.upsert({ where: { key }, create: { key, failures: 1 }, update })).failures;
    },
    lock: async ({ key, until }) => {
      await delegate.updateMany({ where: { key }, data: { lockedUntil: until } });
    },
    reset: async (key) => {
      await delegate.deleteMany({ where: { key } });
    },
  };
}

/**
 * `useTotpStep` and `useRecoveryCode` are one conditional UPDATE and one DELETE: the database lets one of concurrent
 * uses through. `replaceRecoveryCodes` and `delete` are two statements each (not one transaction: a crash between
 * them leaves no codes, or codes without a record, both harmless).
 */
function prismaMfaStore(client: PrismaAccountsClient): MfaStore {
  const { vxMfa, vxRecoveryCode } = client;
  return {
    get: async (userId) => {
      const row = await vxMfa.findUnique({ where: { userId } });
      if (row === null) return undefined;
      return { secret: row.secret, confirmed: row.confirmed, lastUsedStep: row.lastUsedStep ?? undefined };
    },
    set: async ({ userId, record }) => {
      const update = { secret: record.secret, confirmed: record.confirmed, lastUsedStep: record.lastUsedStep ?? null };
      await vxMfa.upsert({ where: { userId }, create: { userId, ...update }, update });
    },
    delete: async (userId) => {
      await vxRecoveryCode.deleteMany({ where: { userId } });
      await vxMfa.deleteMany({ where: { userId } });
    },
    useTotpStep: async ({ userId, step }) => {
      const OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: number } }] = [
        { lastUsedStep: null },
        { lastUsedStep: { lt: step } },
      ];
      return (await vxMfa.updateMany({ where: { userId, OR }, data: { lastUsedStep: step } })).count === 1;
    },
    replaceRecoveryCodes: async ({ userId, codeHashes }) => {
      await vxRecoveryCode.deleteMany({ where: { userId } });
      await vxRecoveryCode.createMany({ data: codeHashes.map((codeHash) => ({ userId, codeHash })) });
    },
    useRecoveryCode: async ({ userId, codeHash }) =>
      (await vxRecoveryCode.deleteMany({ where: { userId, codeHash } })).count === 1,
  };
}
