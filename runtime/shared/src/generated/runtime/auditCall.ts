import { recordAuditEvent, type AuditStore } from "./recordAuditEvent.js";

/** A route whose calls are audited (`x-vx-audit: true`): the model its events name (`x-vx-model`, else empty). */
export interface RouteAudit {
  model: string;
}

/** The record a call acted on: the value of its only path parameter, else none. */
function recordIdOf(params: unknown): string | null {
  if (typeof params !== "object" || params === null) return null;
  const values = Object.values(params);
  return values.length === 1 && (typeof values[0] === "string" || typeof values[0] === "number")
    ? String(values[0])
    : null;
}

/**
 * Records the audit event of one call of an operation marked `x-vx-audit: true`, once its handler answered 2xx (a
 * refused or failed call records nothing): action `call`, who, which operation, when, from where (the request's actor,
 * as for the services' writes), the record (its only path parameter) and the body's fields, masked or hashed like the
 * logs. Written on `db` after the handler, not in its transaction (the handler's own writes through services have
 * their events in theirs); awaited before the answer is sent, so a call answered 2xx always has its event, and an
 * event that cannot be written fails the request (500) rather than go missing.
 */
export async function recordAuditedCall({
  db,
  audit,
  status,
  params,
  body,
}: {
  db: AuditStore;
  audit: RouteAudit;
  status: number;
  params: unknown;
  body: unknown;
}): Promise<void> {
  if (status < 200 || status >= 300) return;
  await recordAuditEvent({ db, model: audit.model, action: "call", recordId: recordIdOf(params), data: body ?? {} });
}
