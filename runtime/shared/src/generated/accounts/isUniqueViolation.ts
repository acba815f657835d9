/** Whether Prisma refused a write for a unique constraint (P2002): a taken identifier when registering. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
