import type { AccountsModel, ApiModel, DbModel, Diagnostic } from "../ir/types.js";
import { bindOperations } from "../binding/bindOperations.js";
import { detectDrift } from "../binding/detectDrift.js";
import { resolveNames } from "../naming/resolveNames.js";
import type { NameTable } from "../naming/NameTable.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";

/**
 * The passes after reading: binds operations to models, reports API/database drift (VX302-308) and unbound
 * operations (VX301), and resolves every generated name. Returns the bound ApiModel (the input is not changed).
 */
export function bindAndName({
  api,
  db,
  apiKeySubjects = false,
  accounts,
}: {
  api: ApiModel | null;
  db: DbModel | null;
  apiKeySubjects?: boolean;
  /** The accounts (relation actions and flags of the caller, the spec's own sign-up and login). */
  accounts?: AccountsModel;
}): { api: ApiModel | null; names: NameTable; diagnostics: Diagnostic[] } {
  const userModel = accounts?.model;
  const signIn = accounts ? { model: accounts.model, identifier: accounts.identifier.field, registerFields: accounts.registerFields.map((c) => c.field) } : undefined;
  const diagnostics: Diagnostic[] = [];
  let bound: ApiModel | null = null;
  if (api) {
    const result = bindOperations({ api, db, apiKeySubjects, ...(userModel ? { userModel } : {}), ...(signIn ? { signIn } : {}) });
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
