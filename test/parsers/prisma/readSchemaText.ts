import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { readPrisma, type ReadPrismaResult } from "../../../src/parsers/prisma/readPrisma.js";
import type { DbModel, Model } from "../../../src/ir/types.js";

export const POSTGRES = 'datasource db {\n  provider = "postgresql"\n}\n';

/** Writes `files` (relative path -> text) into a fresh temp folder and returns the folder. */
export async function writeTempSchema({ files }: { files: Record<string, string | Buffer> }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "vx-prisma-"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

/** Reads one schema text (as `schema.prisma` in a temp folder, the file itself passed to readPrisma). */
export async function readSchemaText({ text }: { text: string }): Promise<ReadPrismaResult & { file: string }> {
  const dir = await writeTempSchema({ files: { "schema.prisma": text } });
  const file = join(dir, "schema.prisma");
  return { ...(await readPrisma({ path: file })), file };
}

/** Reads a schema that must be valid; fails with the diagnostics otherwise. */
export async function readValidSchema({ text }: { text: string }): Promise<DbModel> {
  const { db, diagnostics } = await readSchemaText({ text });
  if (!db) throw new Error(`schema rejected: ${JSON.stringify(diagnostics, null, 2)}`);
  return db;
}

export function findModel({ db, name }: { db: DbModel; name: string }): Model {
  const found = [...db.models, ...db.views].find((m) => m.name === name);
  if (!found) throw new Error(`no model ${name}`);
  return found;
}
