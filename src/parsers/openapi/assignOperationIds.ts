import type { Diagnostic, Operation } from "../../ir/types.js";
import { createDiagnostic } from "../../diagnostics/createDiagnostic.js";
import { appendPointer } from "./jsonPointer.js";
import { synthesizeOperationId } from "./synthesizeOperationId.js";

/**
 * Makes operation ids unique, in the order given (callers pass operations sorted, so the result never depends on
 * encounter order). Ids written in the spec are claimed first; a repeated one keeps its first holder and the others
 * get `_2`, `_3`, ... with VX107. Missing ids are synthesised from method and path (suffixed the same way when
 * taken) with VX108. `pathForId` gives the path used for synthesis (webhooks and callbacks use their name).
 */
export function assignOperationIds({ operations, pathForId }: { operations: Operation[]; pathForId: (operation: Operation) => string }): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const taken = new Set<string>();
  const unique = (base: string): string => {
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    return id;
  };
  for (const operation of operations) {
    if (operation.operationId === "") continue;
    const written = operation.operationId;
    if (!taken.has(written)) {
      taken.add(written);
      continue;
    }
    operation.operationId = unique(written);
    diagnostics.push(
      createDiagnostic({
        code: "VX107",
        message: `operationId "${written}" of ${operation.method.toUpperCase()} ${operation.path} is already used; renamed to "${operation.operationId}"`,
        location: { file: operation.source.file, pointer: appendPointer({ pointer: operation.source.pointer, segments: ["operationId"] }) },
        help: "give each operation its own operationId",
      }),
    );
  }
  for (const operation of operations) {
    if (operation.operationId !== "") continue;
    const base = synthesizeOperationId({ method: operation.method, path: pathForId(operation) });
    const id = unique(base);
    operation.operationId = id;
    operation.operationIdSynthesized = true;
    diagnostics.push(
      createDiagnostic({
        code: "VX108",
        message: `${operation.method.toUpperCase()} ${operation.path} has no operationId; using "${id}"`,
        location: { file: operation.source.file, pointer: operation.source.pointer },
      }),
    );
  }
  return diagnostics;
}
