import { readPrisma } from "../../src/parsers/prisma/readPrisma.js";
import { projectLayout } from "./projectLayout.js";
import { renderMysqlSchema } from "./renderMysqlSchema.js";

/**
 * `prisma/schema.mysql.sql` of a MySQL/MariaDB project, from the project's own Prisma schema (the user's models with
 * the accounts, audit and API key models vx-gen adds): read again by Prisma's parser, so the tables are those of the
 * schema Prisma Client is generated from.
 */
export async function mysqlScript(projectSchema: string): Promise<string> {
  const { db, diagnostics } = await readPrisma({ path: projectLayout.prismaSchema, text: projectSchema });
  if (!db) throw new Error(`the project's Prisma schema did not read: ${diagnostics.map((d) => d.message).join("; ")}`);
  return renderMysqlSchema(db);
}
