// The generated types/operations.ts declares `Handlers`, one method per operation of the spec; runtime modules only
// pass it along, so any operation's handler shape stands for it here.

/** One handler per operationId. */
export type Handlers = Readonly<Record<string, (input: never) => Promise<unknown>>>;
