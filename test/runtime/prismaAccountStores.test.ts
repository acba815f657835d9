import { spawnSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryAccountStores } from "../../runtime/shared/src/generated/accounts/memoryAccountStores.js";
import {
  prismaAccountStores,
  type PrismaAccountsClient,
} from "../../runtime/shared/src/generated/accounts/prismaAccountStores.js";
import { pushSchema } from "../../runtime/shared/src/generated/db/pushSchema.js";
import { accountStoresContract } from "../../runtime/shared/test/generated/accounts/accountStoresContract.js";

const toolkit = process.cwd();
const storesFile = join(toolkit, "runtime/shared/src/generated/accounts/prismaAccountStores.ts");
const dir = join(toolkit, "test", ".out", "prisma-account-stores");
/** The SQL statements the client ran, from its query log. */
const queries: string[] = [];
const models = ["vxRefreshToken", "vxRevokedToken", "vxLoginThrottle", "vxMfa", "vxRecoveryCode"] as const;

/** The models as the comment atop prismaAccountStores.ts gives them (the text the generator adds to a schema). */
async function documentedModels(): Promise<string> {
  const source = await readFile(storesFile, "utf8");
  const comment = /^\/\*([\s\S]*?)\*\//.exec(source)?.[1] ?? "";
  const lines = comment.split("\n").map((line) => line.replace(/^ \* ?/, ""));
  return lines.slice(lines.findIndex((line) => line.startsWith("model "))).join("\n");
}

function prismaGenerate(): void {
  const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
    PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: "1",
  };
  const result = spawnSync(process.execPath, [cli, "generate"], { cwd: dir, env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`prisma generate failed:\n${result.stdout}\n${result.stderr}`);
}

type Client = PrismaAccountsClient &
  Record<(typeof models)[number], { deleteMany(args?: object): Promise<unknown> }> & {
    $disconnect(): Promise<void>;
    $on(event: "query", listener: (event: { query: string }) => void): void;
  };

async function setUp(): Promise<Client> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, "prisma"), { recursive: true });
  const generator = `generator client {\n  provider = "prisma-client"\n  output = "../client"\n  moduleFormat = "esm"\n  importFileExtension = "js"\n}`;
  const schema = `datasource db {\n  provider = "sqlite"\n}\n${generator}\n${await documentedModels()}`;
  await writeFile(join(dir, "prisma", "schema.prisma"), schema);
  const config = `import { defineConfig } from "prisma/config";\nexport default defineConfig({ schema: "prisma/schema.prisma" });\n`;
  await writeFile(join(dir, "prisma.config.ts"), config);
  prismaGenerate();
  const url = `file:${join(dir, "accounts.db")}`;
  const pushed = await pushSchema({ url, schemaFile: join(dir, "prisma", "schema.prisma") });
  expect(pushed.unexecutable).toEqual([]);
  const module = (await import(pathToFileURL(join(dir, "client", "client.ts")).href)) as {
    PrismaClient: new (options: { adapter: PrismaBetterSqlite3; log: { emit: "event"; level: "query" }[] }) => Client;
  };
  const client = new module.PrismaClient({
    adapter: new PrismaBetterSqlite3({ url }),
    log: [{ emit: "event", level: "query" }],
  });
  client.$on("query", (event) => queries.push(event.query));
  return client;
}

/**
 * prismaAccountStores against a real generated PrismaClient on SQLite, with the models of its own header comment:
 * the same contract as the memory stores, and a compile check that the client satisfies the structural interface.
 */
describe("prismaAccountStores with a generated PrismaClient on SQLite", () => {
  let client: Client | undefined;
  beforeAll(async () => {
    client = await setUp();
  });
  afterAll(async () => {
    await client?.$disconnect();
  });

  accountStoresContract({
    name: "prismaAccountStores (SQLite)",
    create: async () => {
      if (client === undefined) throw new Error("no client");
      for (const model of models) await client[model].deleteMany({});
      return prismaAccountStores({ client, users: memoryAccountStores().users });
    },
  });

  it("counts, marks and consumes in one statement each (the database makes them atomic)", async () => {
    if (client === undefined) throw new Error("no client");
    const stores = prismaAccountStores({ client, users: memoryAccountStores().users });
    await stores.refreshTokens.insert({
      tokenHash: "h",
      family: "f",
      userId: "u",
      expiresAt: new Date(Date.now() + 1000),
    });
    await stores.mfa.set({ userId: "u", record: { secret: "S", confirmed: true } });
    await stores.mfa.replaceRecoveryCodes({ userId: "u", codeHashes: ["c"] });
    const statementsOf = async (call: () => Promise<unknown>) => {
      queries.length = 0;
      await call();
      return queries.filter((query) => !/^(BEGIN|COMMIT)/i.test(query.trim()));
    };
    const counted = await statementsOf(() => stores.throttle.addFailure("id:x"));
    expect(counted).toEqual([expect.stringMatching(/^INSERT INTO .*ON CONFLICT .*DO UPDATE SET .*failures/)]);
    const marked = await statementsOf(() => stores.refreshTokens.markUsed({ tokenHash: "h", at: new Date() }));
    expect(marked).toEqual([expect.stringMatching(/^UPDATE .*usedAt.* IS NULL AND .*revoked/)]);
    const stepped = await statementsOf(() => stores.mfa.useTotpStep({ userId: "u", step: 7 }));
    expect(stepped).toEqual([expect.stringMatching(/^UPDATE .*lastUsedStep.* IS NULL OR .*lastUsedStep.* < /)]);
    const consumed = await statementsOf(() => stores.mfa.useRecoveryCode({ userId: "u", codeHash: "c" }));
    expect(consumed).toEqual([expect.stringMatching(/^DELETE FROM /)]);
  });

  it("a generated PrismaClient satisfies PrismaAccountsClient (tsc --strict)", async () => {
    const check = [
      `import { PrismaClient } from "./client/client.js";`,
      `import type { PrismaAccountsClient } from ${JSON.stringify(storesFile.replace(/\.ts$/, ".js"))};`,
      `declare const client: PrismaClient;`,
      `export const structural: PrismaAccountsClient = client;`,
    ].join("\n");
    await writeFile(join(dir, "check.ts"), check);
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    const options = ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext"];
    const args = [tsc, ...options, "--target", "es2023", "--skipLibCheck", "--types", "node", "check.ts"];
    const result = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8" });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
