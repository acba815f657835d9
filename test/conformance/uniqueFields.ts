import { readFile } from "node:fs/promises";

/**
 * The single-field unique columns of each model of a Prisma schema (`email String @unique`), by lower-case model
 * name: what the conformance suite expects a 409 for. Read with a plain scan, not with vx-gen's Prisma reader.
 */
export async function uniqueFields(prismaFile: string): Promise<Record<string, string[]>> {
  const text = await readFile(prismaFile, "utf8");
  const out: Record<string, string[]> = {};
  for (const block of text.matchAll(/^model\s+(\w+)\s*\{([^}]*)\}/gm)) {
    const fields = [...(block[2] ?? "").matchAll(/^\s*(\w+)\s+\S+[^\n]*@unique\b/gm)].map((m) => m[1] as string);
    out[(block[1] ?? "").toLowerCase()] = fields;
  }
  return out;
}
