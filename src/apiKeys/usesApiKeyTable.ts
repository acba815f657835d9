import { carriesBearerToken } from "../accounts/carriesBearerToken.js";
import type { ApiModel, DbModel } from "../ir/types.js";

/**
 * Whether the project keeps API keys in a `VxApiKey` table: it has a database layer, some operation requires an API
 * key scheme (not one carrying a JWT, `Authorization: Token <jwt>`), and `options.auth.apiKeyTable` is not `false` (then only `API_KEYS` holds keys).
 */
export function usesApiKeyTable({ api, db, enabled }: { api: ApiModel; db: DbModel | null; enabled: boolean | undefined }): boolean {
  if (enabled === false || db === null || db.provider === "mongodb") return false;
  const apiKeySchemes = new Set(api.securitySchemes.filter((s) => s.kind === "apiKey" && !carriesBearerToken(s)).map((s) => s.name));
  return api.operations.some((op) => op.security.some((alternative) => alternative.schemes.some((s) => apiKeySchemes.has(s.name))));
}
