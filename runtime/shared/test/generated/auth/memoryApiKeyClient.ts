import type { ApiKeyRow, ApiKeyTableClient } from "../../../src/generated/auth/apiKeyTable.js";

/** `VxApiKey` in memory, as Prisma's client answers (a unique prefix), counting the lookups and writes it gets. */
export function memoryApiKeyClient(): ApiKeyTableClient & { rows: ApiKeyRow[]; lookups: number; touches: Date[] } {
  const rows: ApiKeyRow[] = [];
  const state = { rows, lookups: 0, touches: [] as Date[] };
  const byWhere = (where: { prefix: string } | { id: string }) =>
    rows.find((row) => ("prefix" in where ? row.prefix === where.prefix : row.id === where.id));
  return Object.assign(state, {
    vxApiKey: {
      findUnique: async ({ where }: { where: { prefix: string } | { id: string } }) => {
        state.lookups += 1;
        const row = byWhere(where);
        return row === undefined ? null : { ...row };
      },
      findMany: async () =>
        [...rows]
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? -1 : 1))
          .map((r) => ({ ...r })),
      create: async ({ data }: { data: ApiKeyRow }) => {
        if (rows.some((row) => row.prefix === data.prefix)) throw new Error("unique constraint on prefix");
        rows.push({ ...data });
        return { ...data };
      },
      update: async ({ where, data }: { where: { id: string }; data: Partial<ApiKeyRow> }) => {
        const row = byWhere(where);
        if (row === undefined) throw new Error("record not found");
        Object.assign(row, data);
        return { ...row };
      },
      updateMany: async ({ where, data }: { where: { id: string }; data: { lastUsedAt: Date } }) => {
        const row = byWhere(where);
        state.touches.push(data.lastUsedAt);
        if (row !== undefined) row.lastUsedAt = data.lastUsedAt;
        return { count: row === undefined ? 0 : 1 };
      },
    },
  });
}
