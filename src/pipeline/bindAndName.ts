import type { ApiModel, DbModel, Diagnostic } from "../ir/types.js";
import { bindOperations } from "../binding/bindOperations.js";
import { detectDrift } from "../binding/detectDrift.js";
import { resolveNames } from "../naming/resolveNames.js";
import type { NameTable } from "../naming/NameTable.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";

/**
 * The passes after reading: binds operations to models, reports API/database drift (VX302-308) and unbound
 * operations (VX301), and resolves every generated name. Returns the bound ApiModel (the input is not changed).
 */
export function bindAndName({ api, db, apiKeySubjects = false, userModel }: { api: ApiModel | null; db: DbModel | null; apiKeySubjects?: boolean; /** The accounts' user model (relation actions and flags of the caller). */ userModel?: string }): { api: ApiModel | null; names: NameTable; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let bound: ApiModel | null = null;
  if (api) {
    const result = bindOperations({ api, db, apiKeySubjects, ...(userModel ? { userModel } : {}) });
    bound = result.api;
    diagnostics.push(...result.diagnostics);
    if (db) {
      diagnostics.push(...detectDrift({ api: bound, db, ...(userModel ? { userModel } : {}) }));
      for (const op of bound.operations) {
        if (op.binding.kind === "unbound") {
          diagnostics.push(
            createDiagnostic({
              code: "VX301",
              message: `${op.method.toUpperCase()} ${op.path} (${op.operationId}) is not bound to a model: ${op.binding.reason}`,
              location: { file: op.source.file, pointer: op.source.pointer },
              help: "add `x-vx-model: <Model>` to the operation to bind it; unbound operations get a handler you write",
            }),
          );
        }
      }
    }
  }
  const resolved = resolveNames({ api: bound, db });
  diagnostics.push(...resolved.diagnostics);
  return { api: bound, names: resolved.names, diagnostics };
}
