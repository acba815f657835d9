import { describe, expect, it } from "vitest";
import { auditTableCollisions } from "../../src/audit/auditTableCollisions.js";
import { dbModel, model, prismaSource } from "../../src/ir/factories/db.js";

describe("auditTableCollisions", () => {
  it("is VX150 at each model named like the audit log's table or its service, in any case", () => {
    const db = dbModel({
      models: [
        model({ name: "Book" }),
        model({ name: "VxAuditEvent", source: prismaSource({ file: "schema.prisma", line: 12, column: 1 }) }),
        model({ name: "vxauditevents" }),
        model({ name: "AuditEvent" }),
      ],
    });
    const found = auditTableCollisions({ db });
    expect(found.map((d) => [d.code, d.severity, d.message])).toEqual([
      ["VX150", "error", "the Prisma schema has a model VxAuditEvent: the name of the generated audit log's table (VxAuditEvent)"],
      ["VX150", "error", "the Prisma schema has a model vxauditevents: the name of the generated audit log's table (VxAuditEvent)"],
    ]);
    expect(found[0]?.location).toMatchObject({ file: "schema.prisma", line: 12, column: 1 });
  });

  it("finds nothing in a schema without those names", () => {
    expect(auditTableCollisions({ db: dbModel({ models: [model({ name: "Audit" })] }) })).toEqual([]);
  });
});
