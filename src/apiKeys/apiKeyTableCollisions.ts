import type { DbModel, Diagnostic } from "../ir/types.js";
import { modelNameCollisions } from "../diagnostics/modelNameCollisions.js";

/** The API keys' Prisma model (generators/shared/apiKeyPrismaModel.ts). */
export const apiKeyTable = "VxApiKey";

/** VX170 for each Prisma model named like the API keys' table (`VxApiKey`, any case) or its service (`VxApiKeys`). */
export function apiKeyTableCollisions({ db }: { db: DbModel }): Diagnostic[] {
  return modelNameCollisions({
    db,
    table: apiKeyTable,
    code: "VX170",
    what: "the generated API keys' table",
    help: "rename the model (vx-gen's tables start with Vx), or set `options.auth.apiKeyTable: false` to keep keys in API_KEYS only",
  });
}
