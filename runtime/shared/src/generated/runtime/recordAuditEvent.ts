import { randomUUID } from "node:crypto";
import { currentAuditActor } from "./auditActor.js";
import { redactLogValue } from "./redactLogValue.js";

/** The writes a service records, and `call`: a call of an operation marked `x-vx-audit: true` (auditCall.ts). */
export type AuditAction = "create" | "update" | "delete" | "call";

/** A row of `VxAuditEvent` (prisma/schema.prisma). */
export interface AuditEventData {
  id: string;
  at: Date;
  principalId: string | null;
  model: string;
  recordId: string | null;
  operationId: string | null;
  action: AuditAction;
  ip: string | null;
  requestId: string | null;
  /** The names of the fields written, sorted, comma-separated. */
  fields: string;
  /** Their values as JSON, the spec's password, `writeOnly` and `x-vx-pii` fields `[REDACTED]`. */
  changes: string;
}

/** Where audit events are written: the transaction of the write (Prisma's client or transaction client). */
export interface AuditStore {
  vxAuditEvent: { create(args: { data: AuditEventData }): PromiseLike<unknown> };
}

/** JSON of values as Prisma takes them, big integers as strings. */
function jsonOf(value: unknown): string {
  return JSON.stringify(value ?? {}, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item));
}

/**
 * The fields a write sets (sorted names) and their values with the secret fields masked (`redactLogValue`: bytes by
 * their length).
 */
export function auditChanges(data: unknown): { fields: string[]; changes: string } {
  const fields =
    typeof data === "object" && data !== null
      ? Object.keys(data)
          .filter((key) => (data as Record<string, unknown>)[key] !== undefined)
          .sort()
      : [];
  return { fields, changes: jsonOf(redactLogValue({ value: data })) };
}

/**
 * Writes the audit event of one write, on `db` (the write's transaction, so a failed write leaves no event): who (the
 * request's principal), what (model, record id, action, operation), when, from where (ip, request id) and which
 * fields were written, with their values masked where the spec says they are secret or personal.
 */
export async function recordAuditEvent({
  db,
  model,
  action,
  recordId,
  data,
}: {
  db: AuditStore;
  model: string;
  action: AuditAction;
  recordId: string | null;
  data: unknown;
}): Promise<void> {
  const actor = currentAuditActor();
  const { fields, changes } = auditChanges(data);
  await db.vxAuditEvent.create({
    data: { id: randomUUID(), at: new Date(), model, action, recordId, ...actor, fields: fields.join(","), changes },
  });
}

/** `AUDIT`: `on` (the default) or `off`; anything else stops start-up. */
export function auditEnabledFromEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.AUDIT;
  if (value === undefined || value === "" || value === "on") return true;
  if (value === "off") return false;
  throw new Error(`AUDIT must be "on" or "off", not ${JSON.stringify(value)}`);
}
