// The shape of the generated runtime/context.ts (context.ts.ejs) for a project without a database; with one,
// `HandlerContext` also has `services`, which no runtime module reads.

/** The logger handlers get (the framework's request logger satisfies it). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * What every handler receives besides its request. `Auth` is who the operation lets in: its `<Operation>Auth` type
 * (types/operations/), one member per security alternative, each with the principals of its schemes.
 */
export interface HandlerContext<Auth = Readonly<Record<string, unknown>>> {
  logger: Logger;
  /** The client's address (the framework's, honouring its trust-proxy setting). */
  ip: string;
  /** What the security verifiers returned for this request, by scheme name (empty for open operations). */
  auth: Auth;
}
