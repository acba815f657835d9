// The generated types/operations.ts declares `Handlers`, one method per operation of the spec. Runtime modules only
// pass it along to the generated route modules, which call its methods: here any object stands for it.

/** The handlers of the spec's operations. */
export type Handlers = object;
