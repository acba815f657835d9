import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/** The scrypt cost: N (a power of two), r and p. */
export interface PasswordCost {
  N: number;
  r: number;
  p: number;
}

/** The production cost (OWASP's scrypt minimum is N=2^17 with r=8; 2^15 (32 MiB) keeps one hash near 100 ms). */
export const defaultPasswordCost: PasswordCost = { N: 2 ** 15, r: 8, p: 1 };

const saltBytes = 16;
const hashBytes = 32;
const maximumN = 2 ** 20;

function derive({ password, salt, cost }: { password: string; salt: Buffer; cost: PasswordCost }): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, hashBytes, options, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

/** Hashes a password as `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>` at the production cost. */
export function hashPassword(password: string): Promise<string> {
  return hashPasswordAtCost({ password, cost: defaultPasswordCost });
}

/** `hashPassword` at a given cost (tests use a cheap one); the cost is stored in the result. */
export async function hashPasswordAtCost({
  password,
  cost,
}: {
  password: string;
  cost: PasswordCost;
}): Promise<string> {
  const salt = randomBytes(saltBytes);
  const hash = await derive({ password, salt, cost });
  return ["scrypt", cost.N, cost.r, cost.p, salt.toString("base64"), hash.toString("base64")].join("$");
}

interface StoredHash {
  cost: PasswordCost;
  salt: Buffer;
  hash: Buffer;
}

function positiveInteger(text: string | undefined): number | undefined {
  if (text === undefined || !/^[1-9][0-9]{0,7}$/.test(text)) return undefined;
  return Number(text);
}

function parseStored(stored: string): StoredHash | undefined {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split("$");
  if (scheme !== "scrypt" || rest.length > 0 || salt === undefined || hash === undefined) return undefined;
  const cost = { N: positiveInteger(n), r: positiveInteger(r), p: positiveInteger(p) };
  if (cost.N === undefined || cost.r === undefined || cost.p === undefined) return undefined;
  if (cost.N < 2 || cost.N > maximumN || (cost.N & (cost.N - 1)) !== 0 || cost.r > 32 || cost.p > 16) return undefined;
  const saltBuffer = Buffer.from(salt, "base64");
  const hashBuffer = Buffer.from(hash, "base64");
  if (saltBuffer.length < 8 || hashBuffer.length < 16) return undefined;
  return { cost: { N: cost.N, r: cost.r, p: cost.p }, salt: saltBuffer, hash: hashBuffer };
}

/** Whether `password` matches `stored` (a `hashPassword` result); false for a malformed stored value, never throws. */
export async function verifyPassword({ password, stored }: { password: string; stored: string }): Promise<boolean> {
  const parsed = parseStored(stored);
  if (parsed === undefined) return false;
  try {
    const candidate = await derive({ password, salt: parsed.salt, cost: parsed.cost });
    return candidate.length === parsed.hash.length && timingSafeEqual(candidate, parsed.hash);
  } catch {
    return false;
  }
}

/** The work of one `verifyPassword`, for an unknown identifier: a login takes as long whether the account exists. */
export function dummyPasswordCheck(password: string): Promise<void> {
  return dummyPasswordCheckAtCost({ password, cost: defaultPasswordCost });
}

/** `dummyPasswordCheck` at the cost the real hashes use. */
export async function dummyPasswordCheckAtCost({
  password,
  cost,
}: {
  password: string;
  cost: PasswordCost;
}): Promise<void> {
  await derive({ password, salt: randomBytes(saltBytes), cost });
}
