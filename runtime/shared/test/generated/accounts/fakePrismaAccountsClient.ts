import type { PrismaAccountsClient } from "../../../src/generated/accounts/prismaAccountStores.js";

type Fields = Record<string, unknown>;

/** Whether a row meets a where clause: equality, `null`, `{ lt }` (NULL never less) and `OR`, as Prisma reads them. */
function matches({ row, where }: { row: Fields; where: Fields }): boolean {
  return Object.entries(where).every(([field, condition]) => {
    if (field === "OR") return (condition as Fields[]).some((inner) => matches({ row, where: inner }));
    const value = row[field];
    if (condition === undefined) return true;
    if (condition === null) return value === null;
    if (condition instanceof Date) return value instanceof Date && value.getTime() === condition.getTime();
    if (typeof condition !== "object") return value === condition;
    const operators = Object.keys(condition);
    if (operators.length !== 1 || !("lt" in condition)) throw new Error(`fake: unsupported condition on ${field}`);
    return value !== null && value !== undefined && Number(value) < Number(condition.lt);
  });
}

/** Applies update data as Prisma does: `undefined` leaves a field, `{ increment }` adds. */
function apply({ row, data }: { row: Fields; data: Fields }): void {
  for (const [field, value] of Object.entries(data)) {
    if (value === undefined) continue;
    if (typeof value === "object" && value !== null && !(value instanceof Date) && "increment" in value)
      row[field] = Number(row[field]) + Number(value.increment);
    else row[field] = value;
  }
}

/**
 * One model's table in memory. Each call runs synchronously before its promise settles, as one statement runs
 * atomically in a database; a second row with the same id fails like a unique violation.
 */
export class FakeTable<Row extends object> {
  readonly rows: Fields[] = [];
  constructor(
    private readonly idFields: readonly string[],
    private readonly defaults: Fields,
  ) {}

  private insert(data: object): Row {
    const row: Fields = { ...this.defaults, ...data };
    if (this.rows.some((other) => this.idFields.every((field) => other[field] === row[field])))
      throw new Error("fake: unique constraint failed");
    this.rows.push(row);
    return { ...row } as Row;
  }

  private first(where: object): Fields | undefined {
    return this.rows.find((row) => matches({ row, where: where as Fields }));
  }

  create({ data }: { data: object }): Promise<Row> {
    return Promise.resolve(this.insert(data));
  }

  createMany({ data }: { data: object[] }): Promise<{ count: number }> {
    for (const row of data) this.insert(row);
    return Promise.resolve({ count: data.length });
  }

  findUnique({ where }: { where: object }): Promise<Row | null> {
    const row = this.first(where);
    return Promise.resolve(row === undefined ? null : ({ ...row } as Row));
  }

  updateMany({ where, data }: { where: object; data: object }): Promise<{ count: number }> {
    const found = this.rows.filter((row) => matches({ row, where: where as Fields }));
    for (const row of found) apply({ row, data: data as Fields });
    return Promise.resolve({ count: found.length });
  }

  deleteMany({ where }: { where: object }): Promise<{ count: number }> {
    const kept = this.rows.filter((row) => !matches({ row, where: where as Fields }));
    const count = this.rows.length - kept.length;
    this.rows.splice(0, this.rows.length, ...kept);
    return Promise.resolve({ count });
  }

  upsert({ where, create, update }: { where: object; create: object; update: object }): Promise<Row> {
    const row = this.first(where);
    if (row === undefined) return Promise.resolve(this.insert(create));
    apply({ row, data: update as Fields });
    return Promise.resolve({ ...row } as Row);
  }
}

/** A hand-written stand-in for a PrismaClient with the accounts models: only the where clauses the stores use. */
export function fakePrismaAccountsClient() {
  return {
    vxRefreshToken: new FakeTable<{
      tokenHash: string;
      family: string;
      userId: string;
      expiresAt: Date;
      usedAt: Date | null;
      revoked: boolean;
    }>(["tokenHash"], { usedAt: null, revoked: false, createdAt: new Date() }),
    vxRevokedToken: new FakeTable<{ jti: string; expiresAt: Date }>(["jti"], {}),
    vxLoginThrottle: new FakeTable<{ key: string; failures: number; lockedUntil: Date | null }>(["key"], {
      lockedUntil: null,
    }),
    vxMfa: new FakeTable<{ userId: string; secret: string; confirmed: boolean; lastUsedStep: number | null }>(
      ["userId"],
      { lastUsedStep: null },
    ),
    vxRecoveryCode: new FakeTable<{ userId: string; codeHash: string }>(["userId", "codeHash"], {}),
  } satisfies PrismaAccountsClient;
}
