import { describe, expect, it } from "vitest";
import { runWithAuditActor } from "../../../src/generated/runtime/auditActor.js";
import { recordAuditedCall } from "../../../src/generated/runtime/auditCall.js";
import type { AuditEventData, AuditStore } from "../../../src/generated/runtime/recordAuditEvent.js";
import { redacted, secretFields } from "../../../src/generated/runtime/secrets.js";

// src/generated/runtime/auditCall.ts: the audit event of a call of an `x-vx-audit: true` operation.

function memoryStore(): { db: AuditStore; rows: AuditEventData[] } {
  const rows: AuditEventData[] = [];
  return { db: { vxAuditEvent: { create: async ({ data }) => void rows.push(data) } }, rows };
}

const actor = { principalId: "user-7", operationId: "approveOrder", ip: "10.0.0.9", requestId: "req-1" };

describe("recordAuditedCall", () => {
  it("records a 2xx call: action call, the request's actor, the model, the only path parameter, the body's fields", async () => {
    const { db, rows } = memoryStore();
    await runWithAuditActor({
      actor,
      run: () =>
        recordAuditedCall({
          db,
          audit: { model: "Order" },
          status: 200,
          params: { orderId: 42 },
          body: { reason: "ok", note: undefined },
        }),
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ...actor,
      model: "Order",
      action: "call",
      recordId: "42",
      fields: "reason",
      changes: '{"reason":"ok"}',
    });
  });

  it("records nothing for a call that did not answer 2xx", async () => {
    const { db, rows } = memoryStore();
    for (const status of [199, 302, 400, 404, 500])
      await recordAuditedCall({ db, audit: { model: "" }, status, params: {}, body: { a: 1 } });
    expect(rows).toEqual([]);
  });

  it("has no record id without exactly one path parameter, and no fields without a body", async () => {
    const { db, rows } = memoryStore();
    await recordAuditedCall({ db, audit: { model: "" }, status: 204, params: {}, body: undefined });
    await recordAuditedCall({ db, audit: { model: "" }, status: 201, params: { a: "1", b: "2" }, body: undefined });
    expect(rows.map((row) => [row.recordId, row.fields, row.changes, row.principalId])).toEqual([
      [null, "", "{}", null],
      [null, "", "{}", null],
    ]);
  });

  it.runIf(secretFields.size > 0)("masks the spec's secret fields in the recorded values", async () => {
    const { db, rows } = memoryStore();
    const field = [...secretFields][0] ?? "";
    await recordAuditedCall({ db, audit: { model: "" }, status: 200, params: {}, body: { [field]: "s3cret-value" } });
    expect(JSON.parse(rows[0]?.changes ?? "{}")).toEqual({ [field]: redacted });
  });

  it("fails when the event cannot be written (the request then answers 500, never 2xx without its event)", async () => {
    const db: AuditStore = { vxAuditEvent: { create: () => Promise.reject(new Error("database is locked")) } };
    await expect(recordAuditedCall({ db, audit: { model: "" }, status: 200, params: {}, body: {} })).rejects.toThrow(
      "database is locked",
    );
  });
});
