import { createHash, timingSafeEqual } from "node:crypto";
import type { ApiKeyPrincipal } from "./principals.js";

/** The shortest API key accepted (`API_KEYS`): 24 characters. */
export const minimumApiKeyLength = 24;

/** The API keys a service accepts, kept only as SHA-256 digests. */
export interface ApiKeyStore {
  /** How many distinct keys the store holds. */
  readonly size: number;
  /** The principal of the key presented, or undefined when it is none of the store's. */
  find(presented: string): ApiKeyPrincipal | undefined;
}

/** Keys kept elsewhere and looked up per request: the `VxApiKey` table (apiKeyTable.ts). */
export interface ApiKeyLookup {
  find(presented: string): Promise<ApiKeyPrincipal | undefined>;
}

function digestOf(key: string): Buffer {
  return createHash("sha256").update(key, "utf8").digest();
}

/**
 * A store of the given keys (as read from `API_KEYS`, already checked). A presented key is compared with every stored
 * digest in constant time, and the loop never stops early, so the answer's timing tells nothing about which key or
 * how much of one matched.
 */
export function createApiKeyStore({ keys }: { keys: readonly string[] }): ApiKeyStore {
  const entries = new Map<string, { digest: Buffer; principal: ApiKeyPrincipal }>();
  for (const key of keys) {
    const digest = digestOf(key);
    const keyId = digest.toString("hex").slice(0, 12);
    entries.set(digest.toString("hex"), {
      digest,
      principal: Object.freeze({ kind: "apiKey", keyId, scopes: Object.freeze([]), roles: Object.freeze([]) }),
    });
  }
  const stored = [...entries.values()];
  return {
    size: stored.length,
    find(presented) {
      const digest = digestOf(presented);
      let found: ApiKeyPrincipal | undefined;
      for (const entry of stored) {
        if (timingSafeEqual(entry.digest, digest)) found = entry.principal;
      }
      return found;
    },
  };
}
