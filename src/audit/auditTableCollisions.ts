import type { DbModel, Diagnostic } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";

/** The audit log's Prisma model (generators/shared/auditPrismaModel.ts). */
export const auditTable = "VxAuditEvent";

/** Model names the audit log takes: its table, and the name whose service would be `services.vxAuditEvents`. */
const takenNames = new Set([auditTable.toLowerCase(), `${auditTable}s`.toLowerCase()]);

/**
 * VX150 for each Prisma model named like the audit log's table (`VxAuditEvent`, any case) or like its reader's
 * service (`VxAuditEvents`): the project's schema and services would have it twice.
 */
export function auditTableCollisions({ db }: { db: DbModel }): Diagnostic[] {
  return db.models
    .filter((model) => takenNames.has(model.name.toLowerCase()))
    .map((model) =>
      createDiagnostic({
        code: "VX150",
        message: `the Prisma schema has a model ${model.name}: the name of the generated audit log's table (${auditTable})`,
        location: { file: model.source.file, line: model.source.line, column: model.source.column },
        help: "rename the model (vx-gen's tables start with Vx)",
      }),
    );
}
