import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { ApiKeyPrincipal } from "./principals.js";

/** A row of `VxApiKey`: the key itself is never stored, only its SHA-256 digest (`hash`, hex) and public `prefix`. */
export interface ApiKeyRow {
  id: string;
  /** 12 hex digits, random, printed in every key (`vxk_<prefix>_<secret>`) and in lists: names the key publicly. */
  prefix: string;
  hash: string;
  name: string;
  /** The user (or other subject) the key acts for: its principal's `subject`, so `x-vx-owner` works with it. */
  ownerId: string | null;
  /** Space-separated (a string column: SQLite has no lists). */
  scopes: string;
  roles: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** The queries of `VxApiKey` the table needs (Prisma's client satisfies it). */
export interface ApiKeyTableClient {
  vxApiKey: {
    findUnique(args: { where: { prefix: string } | { id: string } }): PromiseLike<ApiKeyRow | null>;
    findMany(args: { orderBy: ({ createdAt: "desc" } | { id: "asc" })[] }): PromiseLike<ApiKeyRow[]>;
    create(args: { data: ApiKeyRow }): PromiseLike<ApiKeyRow>;
    update(args: {
      where: { id: string };
      data: { prefix?: string; hash?: string; revokedAt?: Date; lastUsedAt?: Date | null };
    }): PromiseLike<ApiKeyRow>;
    updateMany(args: { where: { id: string }; data: { lastUsedAt: Date } }): PromiseLike<{ count: number }>;
  };
}

/** A key as lists and the admin routes show it: everything but its digest. */
export interface ApiKeyView {
  id: string;
  prefix: string;
  name: string;
  ownerId: string | null;
  scopes: string[];
  roles: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** What a new key is made with. */
export interface NewApiKey {
  name: string;
  scopes?: readonly string[];
  roles?: readonly string[];
  ownerId?: string | null;
  expiresAt?: Date | null;
}

/** A key just made (or rotated): `key` is shown this once and never again (only its digest is kept). */
export interface IssuedApiKey {
  key: string;
  view: ApiKeyView;
}

/** Thrown for a name, scope, role or owner a key cannot have; its message says which and why. */
export class InvalidApiKeyInputError extends Error {
  override name = "InvalidApiKeyInputError";
}

/** The keys kept in `VxApiKey`: verified by prefix then digest, created, listed, rotated and revoked. */
export interface ApiKeyTable {
  /** The principal of a key from the table that is neither expired nor revoked; undefined for any other string. */
  find(presented: string): Promise<ApiKeyPrincipal | undefined>;
  create(input: NewApiKey): Promise<IssuedApiKey>;
  list(): Promise<ApiKeyView[]>;
  /** A new secret (and prefix) for the key `id`: the old one stops working. Undefined when unknown or revoked. */
  rotate(id: string): Promise<IssuedApiKey | undefined>;
  /** Revokes the key `id` (again: keeps the first revocation time). Undefined when unknown. */
  revoke(id: string): Promise<ApiKeyView | undefined>;
  /** Resolves once the `lastUsedAt` writes under way are done (tests, shutdown). */
  settled(): Promise<void>;
}

/** How long a looked-up row is reused before the table is asked again (default 5 s): bounds a revocation's delay. */
export const defaultApiKeyCacheMs = 5_000;
/** `lastUsedAt` is written at most this often per key and instance (default a minute). */
export const defaultApiKeyTouchMs = 60_000;
/** Rows kept in the cache at most; the oldest go first. */
const cacheLimit = 10_000;

const keyPattern = /^vxk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const tokenPattern = /^[\x21-\x2b\x2d-\x7e]{1,100}$/;

function digestOf(key: string): Buffer {
  return createHash("sha256").update(key, "utf8").digest();
}

/** A new key: `vxk_`, 12 random hex digits (its public prefix), `_`, 32 random bytes in base64url. */
function newKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString("hex");
  const key = `vxk_${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, hash: digestOf(key).toString("hex") };
}

function words(text: string): string[] {
  return text === "" ? [] : text.split(" ");
}

function checkedTokens({ what, values }: { what: string; values: readonly string[] }): string {
  if (values.length > 50) throw new InvalidApiKeyInputError(`at most 50 ${what}`);
  for (const value of values)
    if (!tokenPattern.test(value))
      throw new InvalidApiKeyInputError(`${what} are 1 to 100 printable characters, without spaces or commas`);
  return [...new Set(values)].join(" ");
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === "" || trimmed.length > 200) throw new InvalidApiKeyInputError("a key's name is 1 to 200 characters");
  return trimmed;
}

function checkedOwner(ownerId: string | null | undefined): string | null {
  if (ownerId === undefined || ownerId === null) return null;
  if (ownerId === "" || ownerId.length > 191) throw new InvalidApiKeyInputError("an owner id is 1 to 191 characters");
  return ownerId;
}

/** The row as shown: scopes and roles as lists, times as ISO strings, no digest. */
export function apiKeyView(row: ApiKeyRow): ApiKeyView {
  const time = (date: Date | null) => (date === null ? null : date.toISOString());
  return {
    id: row.id,
    prefix: row.prefix,
    name: row.name,
    ownerId: row.ownerId,
    scopes: words(row.scopes),
    roles: words(row.roles),
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: time(row.lastUsedAt),
    expiresAt: time(row.expiresAt),
    revokedAt: time(row.revokedAt),
  };
}

function principalOf(row: ApiKeyRow): ApiKeyPrincipal {
  return Object.freeze({
    kind: "apiKey",
    keyId: row.prefix,
    name: row.name,
    ...(row.ownerId === null ? {} : { subject: row.ownerId }),
    scopes: Object.freeze(words(row.scopes)),
    roles: Object.freeze(words(row.roles)),
  });
}

/** Whether `presented` is the key whose digest the row keeps, compared in constant time. */
function matches({ row, presented }: { row: ApiKeyRow; presented: string }): boolean {
  if (!/^[0-9a-f]{64}$/.test(row.hash)) return false;
  return timingSafeEqual(Buffer.from(row.hash, "hex"), digestOf(presented));
}

/**
 * The keys of `VxApiKey` in `client`. A presented key is parsed (`vxk_<prefix>_<secret>`), its row found by prefix
 * and its SHA-256 digest compared with the row's in constant time; expired and revoked keys are refused. Rows looked
 * up are reused for `cacheMs` (so a revocation made on another instance takes effect within that time; on this one,
 * at once), and `lastUsedAt` is written at most once per `touchMs` per key, without holding up the request.
 */
export function createApiKeyTable({
  client,
  cacheMs = defaultApiKeyCacheMs,
  touchMs = defaultApiKeyTouchMs,
  now = () => Date.now(),
  onError = () => {},
}: {
  client: ApiKeyTableClient;
  cacheMs?: number;
  touchMs?: number;
  now?: () => number;
  /** A failed `lastUsedAt` write (it never fails the request). */
  onError?: (error: unknown) => void;
}): ApiKeyTable {
  const cache = new Map<string, { row: ApiKeyRow | null; until: number }>();
  const touched = new Map<string, number>();
  const pending = new Set<Promise<void>>();

  const rowOf = async (prefix: string): Promise<ApiKeyRow | null> => {
    const cached = cache.get(prefix);
    if (cached !== undefined && cached.until > now()) return cached.row;
    const row = await client.vxApiKey.findUnique({ where: { prefix } });
    cache.delete(prefix);
    if (cache.size >= cacheLimit) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
    cache.set(prefix, { row, until: now() + cacheMs });
    return row;
  };

  const touch = (row: ApiKeyRow, at: number): void => {
    const last = Math.max(row.lastUsedAt?.getTime() ?? -Infinity, touched.get(row.id) ?? -Infinity);
    if (at - last < touchMs) return;
    touched.set(row.id, at);
    const write = Promise.resolve(
      client.vxApiKey.updateMany({ where: { id: row.id }, data: { lastUsedAt: new Date(at) } }),
    )
      .then(() => undefined, onError)
      .finally(() => pending.delete(write));
    pending.add(write);
  };

  const issue = async (input: NewApiKey): Promise<IssuedApiKey> => {
    const made = newKey();
    const row = await client.vxApiKey.create({
      data: {
        id: randomUUID(),
        prefix: made.prefix,
        hash: made.hash,
        name: checkedName(input.name),
        ownerId: checkedOwner(input.ownerId),
        scopes: checkedTokens({ what: "scopes", values: input.scopes ?? [] }),
        roles: checkedTokens({ what: "roles", values: input.roles ?? [] }),
        createdAt: new Date(now()),
        lastUsedAt: null,
        expiresAt: input.expiresAt ?? null,
        revokedAt: null,
      },
    });
    return { key: made.key, view: apiKeyView(row) };
  };

  return {
    async find(presented) {
      const parsed = keyPattern.exec(presented);
      if (parsed === null) return undefined;
      const row = await rowOf(parsed[1] ?? "");
      if (row === null || !matches({ row, presented })) return undefined;
      const at = now();
      if (row.revokedAt !== null && row.revokedAt.getTime() <= at) return undefined;
      if (row.expiresAt !== null && row.expiresAt.getTime() <= at) return undefined;
      touch(row, at);
      return principalOf(row);
    },
    create: issue,
    async list() {
      const rows = await client.vxApiKey.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
      return rows.map(apiKeyView);
    },
    async rotate(id) {
      const row = await client.vxApiKey.findUnique({ where: { id } });
      if (row === null || row.revokedAt !== null) return undefined;
      const made = newKey();
      const updated = await client.vxApiKey.update({ where: { id }, data: { prefix: made.prefix, hash: made.hash } });
      cache.delete(row.prefix);
      return { key: made.key, view: apiKeyView(updated) };
    },
    async revoke(id) {
      const row = await client.vxApiKey.findUnique({ where: { id } });
      if (row === null) return undefined;
      cache.delete(row.prefix);
      if (row.revokedAt !== null) return apiKeyView(row);
      return apiKeyView(await client.vxApiKey.update({ where: { id }, data: { revokedAt: new Date(now()) } }));
    },
    async settled() {
      await Promise.all([...pending]);
    },
  };
}

const tables = new WeakMap<ApiKeyTableClient, ApiKeyTable>();

/**
 * The one table of `client` in this process, with the default cache and throttle: the verifiers and the admin routes
 * share it, so a key revoked through a route is refused at once on this instance.
 */
export function apiKeyTableOf(client: ApiKeyTableClient): ApiKeyTable {
  const known = tables.get(client);
  if (known !== undefined) return known;
  const table = createApiKeyTable({ client });
  tables.set(client, table);
  return table;
}
