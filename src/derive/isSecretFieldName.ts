import { splitWords } from "../naming/caseConversion.js";

/** A name ending in one of these holds a credential: `password`, `clientSecret`, `refresh_token`. */
const secretWords = new Set(["password", "passwd", "secret", "token", "salt", "otp", "totp"]);
/** A name ending in one of these after a secret word (or `api`, `private`) holds one too: `passwordHash`, `apiKey`. */
const secretSuffixes = new Set(["hash", "key", "encrypted", "ciphertext"]);
const keyOwners = new Set([...secretWords, "api", "private"]);

/**
 * Whether a field's name says it holds a credential: its last word is a secret word (`password`, `clientSecret`,
 * `refresh_token`), or a hash, key or ciphertext of one (`passwordHash`, `tokenHash`, `apiKey`, `privateKey`). The
 * derived API makes such a field writeOnly, so no response carries it. What is only about a secret (`token_type`,
 * `accessTokenExpiresAt`, `apiKeyId`) or a content hash (`hash`) is not one.
 */
export function isSecretFieldName(name: string): boolean {
  const words = splitWords(name).map((w) => w.toLowerCase());
  const last = words.at(-1);
  const before = words.at(-2);
  if (last === undefined) return false;
  if (secretWords.has(last)) return true;
  return secretSuffixes.has(last) && before !== undefined && keyOwners.has(before);
}
