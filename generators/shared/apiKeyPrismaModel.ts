import { longText } from "./auditPrismaModel.js";

/**
 * The API keys' table, added to the project's Prisma schema when an operation requires an API key scheme and the
 * project has a database (runtime/auth/apiKeyTable.ts): a key's public prefix and SHA-256 digest, never the key.
 * Scopes and roles are space-separated strings, the same on SQLite (no scalar lists), PostgreSQL and MySQL.
 */
export function apiKeyPrismaModel(provider: string): string {
  const text = longText(provider);
  return `// API keys (vx-gen): each key's public prefix and SHA-256 digest, never the key; \`npm run api-keys\` manages them.
model VxApiKey {
  id         String    @id
  prefix     String    @unique
  hash       String
  name       String${text}
  ownerId    String?
  scopes     String${text}
  roles      String${text}
  createdAt  DateTime
  lastUsedAt DateTime?
  expiresAt  DateTime?
  revokedAt  DateTime?

  @@index([ownerId])
}
`;
}
