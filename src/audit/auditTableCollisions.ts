import type { DbModel, Diagnostic } from "../ir/types.js";
import { modelNameCollisions } from "../diagnostics/modelNameCollisions.js";

/** The audit log's Prisma model (generators/shared/auditPrismaModel.ts). */
export const auditTable = "VxAuditEvent";

/**
 * VX150 for each Prisma model named like the audit log's table (`VxAuditEvent`, any case) or like its reader's
 * service (`VxAuditEvents`): the project's schema and services would have it twice.
 */
export function auditTableCollisions({ db }: { db: DbModel }): Diagnostic[] {
  return modelNameCollisions({
    db,
    table: auditTable,
    code: "VX150",
    what: "the generated audit log's table",
    help: "rename the model (vx-gen's tables start with Vx)",
  });
}
