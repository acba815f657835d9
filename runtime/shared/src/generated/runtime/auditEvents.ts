import type { AuditEventData } from "./recordAuditEvent.js";

/** A row as read back: its action is a column of text (`create`, `update` or `delete` when vx-gen wrote it). */
export type StoredAuditEvent = Omit<AuditEventData, "action"> & { action: string };

/** What the admin route asks of the audit log: a page, optionally of one model's or one record's events. */
export interface AuditEventQuery {
  limit?: number;
  offset?: number;
  model?: string;
  recordId?: string;
}

/** An audit event as the admin route answers it. */
export interface AuditEventView {
  id: string;
  at: string;
  principalId: string | null;
  model: string;
  recordId: string | null;
  operationId: string | null;
  action: string;
  ip: string | null;
  requestId: string | null;
  fields: string[];
  changes: Record<string, unknown>;
}

export interface AuditEventPage {
  items: AuditEventView[];
  total: number;
}

/** The reads of `VxAuditEvent` the admin route needs (Prisma's client satisfies it). */
export interface AuditEventReader {
  vxAuditEvent: {
    findMany(args: {
      where: { model?: string; recordId?: string };
      orderBy: ({ at: "desc" } | { id: "desc" })[];
      skip: number;
      take: number;
    }): PromiseLike<StoredAuditEvent[]>;
    count(args: { where: { model?: string; recordId?: string } }): PromiseLike<number>;
  };
}

/** The audit log's queries, as the handlers' `context.services.vxAuditEvents`. */
export interface AuditEvents {
  list(query: AuditEventQuery): Promise<AuditEventPage>;
}

function changesOf(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function viewOf(row: StoredAuditEvent): AuditEventView {
  const { at, fields, changes, ...rest } = row;
  return { ...rest, at: at.toISOString(), fields: fields === "" ? [] : fields.split(","), changes: changesOf(changes) };
}

/** The audit log of `db`: pages of events, newest first (then by id, so a page never depends on chance). */
export function auditEventsOf(db: AuditEventReader): AuditEvents {
  return {
    list: async ({ limit = 20, offset = 0, model, recordId }) => {
      const where = { ...(model === undefined ? {} : { model }), ...(recordId === undefined ? {} : { recordId }) };
      const [rows, total] = await Promise.all([
        db.vxAuditEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: offset, take: limit }),
        db.vxAuditEvent.count({ where }),
      ]);
      return { items: rows.map(viewOf), total };
    },
  };
}
