/** A mistake in how the command was called (exit 2 with a hint), as opposed to a bug (internal error). */
export class UsageError extends Error {
  override name = "UsageError";
}

/** yargs `.check` for commands that read the sources: at least one of --openapi / --prisma. */
export function requireSomeInput(argv: { openapi?: string; prisma?: string }): true {
  if (argv.openapi === undefined && argv.prisma === undefined) throw new UsageError("give --openapi, --prisma, or both");
  return true;
}
