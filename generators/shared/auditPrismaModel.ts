/** The native type of a long text column, where Prisma's `String` is short by default (MySQL 191, SQL Server 1000). */
export function longText(provider: string): string {
  if (provider === "mysql") return " @db.Text";
  if (provider === "sqlserver") return " @db.NVarChar(Max)";
  return "";
}

/**
 * The audit log's table, added to the project's Prisma schema when it has a database (like the accounts' tables):
 * one row per write through a service, in the write's transaction (runtime/recordAuditEvent.ts).
 */
export function auditPrismaModel(provider: string): string {
  const text = longText(provider);
  return `// The audit log of the generated services' writes (vx-gen; AUDIT=off turns it off).
model VxAuditEvent {
  id          String   @id
  at          DateTime
  principalId String?
  model       String
  recordId    String?
  operationId String?
  action      String
  ip          String?
  requestId   String?
  fields      String${text}
  changes     String${text}

  @@index([model, recordId])
  @@index([at])
}
`;
}
