/**
 * Prisma's spans (each query, its connection and serialization) under the request span that runs it: Prisma's own
 * instrumentation, loaded only when tracing is on (`startTracing`'s `instrument`).
 */
export async function enablePrismaTracing(): Promise<void> {
  const { PrismaInstrumentation } = await import("@prisma/instrumentation");
  const instrumentation = new PrismaInstrumentation();
  instrumentation.enable();
}
