// `prisma generate` writes src/generated/prisma/ in the project; this declares the one member the runtime uses.
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/** The project's Prisma Client, made with a driver adapter. */
export declare class PrismaClient {
  constructor(options: { adapter: SqlDriverAdapterFactory });
  $disconnect(): Promise<void>;
}
