import { describe, expect, it } from "vitest";
import { runWithAuditActor } from "../../../src/generated/runtime/auditActor.js";
import {
  auditChanges,
  auditEnabledFromEnv,
  recordAuditEvent,
  type AuditEventData,
  type AuditStore,
} from "../../../src/generated/runtime/recordAuditEvent.js";
import { redacted, secretFields } from "../../../src/generated/runtime/secrets.js";

// src/generated/runtime/recordAuditEvent.ts: the audit event of one write.

function memoryStore(): { store: AuditStore; rows: AuditEventData[] } {
  const rows: AuditEventData[] = [];
  return { rows, store: { vxAuditEvent: { create: async ({ data }) => rows.push(data) } } };
}

describe("recordAuditEvent", () => {
  it("records who, what, when, from where and which fields, with the request's actor", async () => {
    const { store, rows } = memoryStore();
    const actor = { principalId: "u1", operationId: "updateBook", ip: "10.1.2.3", requestId: "req-9" };
    const before = Date.now();
    await runWithAuditActor({
      actor,
      run: () =>
        recordAuditEvent({
          db: store,
          model: "Book",
          action: "update",
          recordId: "12",
          data: { title: "New", price: 3, skipped: undefined },
        }),
    });
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row).toMatchObject({ ...actor, model: "Book", action: "update", recordId: "12", fields: "price,title" });
    expect(JSON.parse(row?.changes ?? "")).toEqual({ title: "New", price: 3 });
    expect(row?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(row?.at.getTime()).toBeGreaterThanOrEqual(before);
  });

  it("outside a request, records a write by nobody from nowhere; a delete has no fields", async () => {
    const { store, rows } = memoryStore();
    await recordAuditEvent({ db: store, model: "Tag", action: "delete", recordId: null, data: undefined });
    expect(rows[0]).toMatchObject({
      principalId: null,
      operationId: null,
      ip: null,
      requestId: null,
      fields: "",
      changes: "{}",
    });
  });
});

describe("auditChanges", () => {
  it("masks the spec's secret and personal fields, at any depth, and keeps their names", () => {
    for (const field of secretFields) {
      const { fields, changes } = auditChanges({ [field]: "s3cret", nested: { [field]: "s3cret" }, title: "kept" });
      expect(fields).toEqual([field, "nested", "title"].sort());
      expect(JSON.parse(changes)).toEqual({ [field]: redacted, nested: { [field]: redacted }, title: "kept" });
    }
  });

  it("writes big integers as strings and bytes by their length", () => {
    expect(JSON.parse(auditChanges({ big: 12n, data: new Uint8Array(3) }).changes)).toEqual({
      big: "12",
      data: "[3 bytes]",
    });
  });
});

describe("auditEnabledFromEnv", () => {
  it("is on unless AUDIT=off, and refuses anything else", () => {
    expect(auditEnabledFromEnv({})).toBe(true);
    expect(auditEnabledFromEnv({ AUDIT: "on" })).toBe(true);
    expect(auditEnabledFromEnv({ AUDIT: "off" })).toBe(false);
    expect(() => auditEnabledFromEnv({ AUDIT: "no" })).toThrow(/AUDIT must be "on" or "off"/);
  });
});
