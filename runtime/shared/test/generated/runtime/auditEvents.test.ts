import { describe, expect, it } from "vitest";
import { auditEventsOf, type AuditEventReader } from "../../../src/generated/runtime/auditEvents.js";
import type { AuditEventData } from "../../../src/generated/runtime/recordAuditEvent.js";

// src/generated/runtime/auditEvents.ts: the admins' page of the audit log.

const row = (id: string, model: string, recordId: string | null, at: number): AuditEventData => ({
  id,
  at: new Date(at),
  principalId: null,
  model,
  recordId,
  operationId: "op",
  action: "update",
  ip: "127.0.0.1",
  requestId: "r",
  fields: "name,price",
  changes: '{"name":"x","price":2}',
});

/** A reader over rows in memory, applying the query as the database would. */
function memoryReader(rows: AuditEventData[]): AuditEventReader & { asked: unknown[] } {
  const asked: unknown[] = [];
  const matches = (where: { model?: string; recordId?: string }) => (r: AuditEventData) =>
    (where.model === undefined || r.model === where.model) &&
    (where.recordId === undefined || r.recordId === where.recordId);
  return {
    asked,
    vxAuditEvent: {
      findMany: async (args) => {
        asked.push(args);
        const sorted = rows
          .filter(matches(args.where))
          .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1));
        return sorted.slice(args.skip, args.skip + args.take);
      },
      count: async ({ where }) => rows.filter(matches(where)).length,
    },
  };
}

describe("auditEventsOf", () => {
  const rows = [row("a", "Book", "1", 1000), row("b", "Book", "2", 3000), row("c", "Author", "1", 2000)];

  it("pages the events newest first, 20 by default, with the total", async () => {
    const reader = memoryReader(rows);
    const page = await auditEventsOf(reader).list({});
    expect(page.total).toBe(3);
    expect(page.items.map((item) => item.id)).toEqual(["b", "c", "a"]);
    expect(reader.asked).toEqual([{ where: {}, orderBy: [{ at: "desc" }, { id: "desc" }], skip: 0, take: 20 }]);
    expect(page.items[0]).toMatchObject({
      at: new Date(3000).toISOString(),
      fields: ["name", "price"],
      changes: { name: "x", price: 2 },
    });
  });

  it("filters by model and record id, and pages with limit and offset", async () => {
    const events = auditEventsOf(memoryReader(rows));
    expect((await events.list({ model: "Book" })).items.map((item) => item.id)).toEqual(["b", "a"]);
    expect((await events.list({ model: "Book", recordId: "1" })).items.map((item) => item.id)).toEqual(["a"]);
    const second = await events.list({ limit: 1, offset: 1 });
    expect([second.items.map((item) => item.id), second.total]).toEqual([["c"], 3]);
  });

  it("reads an event without fields, and unreadable changes as none", async () => {
    const odd = { ...row("d", "Tag", null, 5), fields: "", changes: "not json" };
    const page = await auditEventsOf(memoryReader([odd])).list({});
    expect(page.items[0]).toMatchObject({ fields: [], changes: {}, recordId: null });
  });
});
