import type { Diagnostic, Operation } from "../../ir/types.js";
import { createDiagnostic } from "../../diagnostics/createDiagnostic.js";
import { appendPointer } from "./jsonPointer.js";
import { synthesizeOperationId } from "./synthesizeOperationId.js";

/** The id an operation gets when it is not the one it was read with. */
export interface AssignedId {
  operationId: string;
  synthesized: boolean;
}

/**
 * Makes operation ids unique, in the order given (callers pass operations sorted, so the result never depends on
 * encounter order), without changing the operations: returns the new id of each operation whose id changes. Ids
 * written in the spec are claimed first; a repeated one keeps its first holder and the others get `_2`, `_3`, ...
 * with VX107. Missing ids are synthesised from method and path (suffixed the same way when taken) with VX108.
 * `pathForId` gives the path used for synthesis (webhooks and callbacks use their name).
 */
export function planOperationIds({ operations, pathForId }: { operations: readonly Operation[]; pathForId: (operation: Operation) => string }): {
  assigned: Map<Operation, AssignedId>;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const assigned = new Map<Operation, AssignedId>();
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
    const id = unique(written);
    assigned.set(operation, { operationId: id, synthesized: operation.operationIdSynthesized });
    diagnostics.push(
      createDiagnostic({
        code: "VX107",
        message: `operationId "${written}" of ${operation.method.toUpperCase()} ${operation.path} is already used; renamed to "${id}"`,
        location: { file: operation.source.file, pointer: appendPointer({ pointer: operation.source.pointer, segments: ["operationId"] }) },
        help: "give each operation its own operationId",
      }),
    );
  }
  for (const operation of operations) {
    if (operation.operationId !== "") continue;
    const base = synthesizeOperationId({ method: operation.method, path: pathForId(operation) });
    const id = unique(base);
    assigned.set(operation, { operationId: id, synthesized: true });
    diagnostics.push(
      createDiagnostic({
        code: "VX108",
        message: `${operation.method.toUpperCase()} ${operation.path} has no operationId; using "${id}"`,
        location: { file: operation.source.file, pointer: operation.source.pointer },
      }),
    );
  }
  return { assigned, diagnostics };
}

/** `planOperationIds`, with the ids written into the operations. */
export function assignOperationIds({ operations, pathForId }: { operations: Operation[]; pathForId: (operation: Operation) => string }): Diagnostic[] {
  const { assigned, diagnostics } = planOperationIds({ operations, pathForId });
  for (const [operation, { operationId, synthesized }] of assigned) {
    operation.operationId = operationId;
    operation.operationIdSynthesized = synthesized;
  }
  return diagnostics;
}
