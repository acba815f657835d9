import { PrismaClient } from "../prisma/client.js";
import { createAdapter } from "./createAdapter.js";

/** A Prisma Client for the database at `url`, through the provider's driver adapter. */
export function createPrismaClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: createAdapter(url) });
}

export type { PrismaClient };
