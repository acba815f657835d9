import type { DbModel, Diagnostic } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";

/** The API keys' Prisma model (generators/shared/apiKeyPrismaModel.ts). */
export const apiKeyTable = "VxApiKey";

/** Model names the table takes: its own, and the name whose service would be `services.vxApiKeys`. */
const takenNames = new Set([apiKeyTable.toLowerCase(), `${apiKeyTable}s`.toLowerCase()]);

/** VX170 for each Prisma model named like the API keys' table (`VxApiKey`, any case) or its service (`VxApiKeys`). */
export function apiKeyTableCollisions({ db }: { db: DbModel }): Diagnostic[] {
  return db.models
    .filter((model) => takenNames.has(model.name.toLowerCase()))
    .map((model) =>
      createDiagnostic({
        code: "VX170",
        message: `the Prisma schema has a model ${model.name}: the name of the generated API keys' table (${apiKeyTable})`,
        location: { file: model.source.file, line: model.source.line, column: model.source.column },
        help: "rename the model (vx-gen's tables start with Vx), or set `options.auth.apiKeyTable: false` to keep keys in API_KEYS only",
      }),
    );
}
