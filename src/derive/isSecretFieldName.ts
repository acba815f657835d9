import { splitWords } from "../naming/caseConversion.js";

/** Words that make a column a credential wherever they stand in its name. */
const secretWords = new Set(["password", "passwd", "secret", "token", "salt", "otp", "totp"]);

/**
 * Whether a field's name says it holds a credential: `password`, `passwordHash`, `clientSecret`, `refresh_token`,
 * `apiKey`, `privateKey`, or `hash` alone. The derived API makes such a field writeOnly, so no response carries it;
 * `contentHash` or `keyboardLayout` are not secrets.
 */
export function isSecretFieldName(name: string): boolean {
  const words = splitWords(name).map((w) => w.toLowerCase());
  if (words.some((w) => secretWords.has(w))) return true;
  if (words.length === 1 && words[0] === "hash") return true;
  return words.some((w, i) => w === "key" && (words[i - 1] === "api" || words[i - 1] === "private"));
}
