import type { Callback, Operation } from "../../ir/types.js";
import type { AssignedId } from "./assignOperationIds.js";

/** Copies made for the ids `planOperationIds` assigned, kept so the next run gives the very same copy. */
const operationCopies = new WeakMap<Operation, { operationId: string; synthesized: boolean; callbacks: Callback[]; result: Operation }>();
const callbackCopies = new WeakMap<Callback, { operations: Operation[]; result: Callback }>();

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function finalCallback({ callback, assigned }: { callback: Callback; assigned: ReadonlyMap<Operation, AssignedId> }): Callback {
  const operations = callback.operations.map((operation) => finalOperation({ operation, assigned }));
  if (sameItems(operations, callback.operations)) return callback;
  const kept = callbackCopies.get(callback);
  if (kept && sameItems(kept.operations, operations)) return kept.result;
  const result: Callback = { ...callback, operations };
  callbackCopies.set(callback, { operations, result });
  return result;
}

/**
 * An operation as read (never changed: a reader memo may hand it to the next run) with its assigned id and those of
 * its callbacks' operations: the operation itself when nothing was assigned, else a copy (the same copy as the
 * previous run's when the ids are the same).
 */
export function finalOperation({ operation, assigned }: { operation: Operation; assigned: ReadonlyMap<Operation, AssignedId> }): Operation {
  const callbacks = operation.callbacks.length === 0 ? operation.callbacks : operation.callbacks.map((callback) => finalCallback({ callback, assigned }));
  const change = assigned.get(operation);
  if (!change && sameItems(callbacks, operation.callbacks)) return operation;
  const operationId = change?.operationId ?? operation.operationId;
  const synthesized = change?.synthesized ?? operation.operationIdSynthesized;
  const kept = operationCopies.get(operation);
  if (kept && kept.operationId === operationId && kept.synthesized === synthesized && sameItems(kept.callbacks, callbacks)) return kept.result;
  const result: Operation = { ...operation, operationId, operationIdSynthesized: synthesized, callbacks };
  operationCopies.set(operation, { operationId, synthesized, callbacks, result });
  return result;
}
