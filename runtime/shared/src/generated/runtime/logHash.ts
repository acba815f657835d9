import { createHmac } from "node:crypto";
import { hashedFields } from "./secrets.js";
import { InvalidServerSettingsError } from "./serverSettings.js";

/** The shortest LOG_HASH_KEY accepted: 32 characters (a guessable key would let anyone hash a guess and compare). */
export const minLogHashKeyLength = 32;

/** The key of the hashes in the logs, once `useLogHashKey` set it. */
let logHashKey: string | undefined;

/**
 * LOG_HASH_KEY from `env`: required, at least `minLogHashKeyLength` characters, when `required` (some field is
 * `x-vx-pii: hash`), else optional; a missing or short key then stops start-up naming the variable.
 */
export function logHashKeyFromEnv({
  env,
  required = hashedFields.size > 0,
}: {
  env: Readonly<Record<string, string | undefined>>;
  required?: boolean;
}): string | undefined {
  const key = env.LOG_HASH_KEY ?? "";
  if (key === "" && !required) return undefined;
  if (key.length < minLogHashKeyLength)
    throw new InvalidServerSettingsError(
      `invalid server settings in the environment:\n  LOG_HASH_KEY: ${key === "" ? "not set" : "too short"}: fields marked \`x-vx-pii: hash\` (${[...hashedFields].join(", ")}) are logged as a hash keyed by it; set at least ${minLogHashKeyLength} random characters (openssl rand -hex 32), kept secret and the same on every instance`,
    );
  return key;
}

/** Makes `key` the key of the hashes in the logs (`createApp`/`buildServer` do, from LOG_HASH_KEY); undefined: none. */
export function useLogHashKey(key: string | undefined): void {
  logHashKey = key;
}

/** The text a value is hashed as: strings as they are, anything else as JSON. */
function textOf(value: unknown): string {
  return typeof value === "string"
    ? value
    : JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item));
}

/**
 * What stands in the logs for the value of a hashed field: `[HMAC:<32 hex>]`, the first 128 bits of HMAC-SHA256
 * keyed by LOG_HASH_KEY, the same for the same value, so lines can be correlated; never the value, nor a plain hash of
 * it (which anyone could recompute from a guessed e-mail). Without a key (a script logging outside the server):
 * undefined, and the value is masked instead.
 */
export function hashedLogValue(value: unknown): string | undefined {
  if (logHashKey === undefined) return undefined;
  const digest = createHmac("sha256", logHashKey).update(textOf(value)).digest("hex");
  return `[HMAC:${digest.slice(0, 32)}]`;
}
