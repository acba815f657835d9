import type { DbModel, Diagnostic } from "../ir/types.js";
import type { DiagnosticCode } from "./codes.js";
import { createDiagnostic } from "./createDiagnostic.js";

/**
 * `code` for each Prisma model named like a table vx-gen adds to the project's schema (`table`, any case) or like
 * that table's service (`<table>s`, as in `services.vxApiKeys`): the project's schema and services would have it twice.
 * `what` names the table in the message (`the API keys' table`).
 */
export function modelNameCollisions({
  db,
  table,
  code,
  what,
  help,
}: {
  db: DbModel;
  table: string;
  code: DiagnosticCode;
  what: string;
  help: string;
}): Diagnostic[] {
  const taken = new Set([table.toLowerCase(), `${table}s`.toLowerCase()]);
  return db.models
    .filter((model) => taken.has(model.name.toLowerCase()))
    .map((model) =>
      createDiagnostic({
        code,
        message: `the Prisma schema has a model ${model.name}: the name of ${what} (${table})`,
        location: { file: model.source.file, line: model.source.line, column: model.source.column },
        help,
      }),
    );
}
