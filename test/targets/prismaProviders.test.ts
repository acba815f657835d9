import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateFixture } from "./helpers/generateFixture.js";
import { runGeneratedTests } from "./helpers/generatedProject.js";
import { runCommand, toolkitBin } from "./helpers/runCommand.js";
import { writeRendered } from "./helpers/writeRendered.js";
import { runCli } from "../cli/runCli.js";
import { readPrisma } from "../../src/parsers/prisma/readPrisma.js";
import { prismaSchemaForProject } from "../../generators/shared/prismaSchemaForProject.js";

const fixtures = join(process.cwd(), "fixtures", "prisma-providers");

/** One small schema per provider (sources in fixtures/prisma-providers/README.md), generated alone (no OpenAPI). */
const providers = [
  { name: "cockroachdb", file: "cockroachdb.prisma", adapter: "@prisma/adapter-pg", adapterClass: "PrismaPg" },
  { name: "sqlserver", file: "sqlserver.prisma", adapter: "@prisma/adapter-mssql", adapterClass: "PrismaMssql" },
  { name: "mysql", file: "mysql-typebot.prisma", adapter: "@prisma/adapter-mariadb", adapterClass: "PrismaMariaDb" },
  { name: "postgresql", file: "postgresql-trigger-dev.prisma", adapter: "@prisma/adapter-pg", adapterClass: "PrismaPg" },
  { name: "sqlite", file: "sqlite-composite-fk.prisma", adapter: "@prisma/adapter-better-sqlite3", adapterClass: "PrismaBetterSqlite3" },
];

interface Generated {
  files: Map<string, string>;
  diagnostics: string[];
  ms: number;
}

/**
 * Every SQL provider's project, generated from its Prisma schema alone, runs `prisma generate` and type-checks
 * strictly. The projects are checked by one tsc run (one compiler start); each has its own Prisma client.
 */
describe("Prisma providers: a project per provider from the schema alone", () => {
  const root = join(process.cwd(), "test", ".out", "providers");
  const generated = new Map<string, Generated>();
  const prismaGenerate = new Map<string, { code: number | null; output: string; ms: number }>();

  beforeAll(async () => {
    await rm(root, { recursive: true, force: true });
    await mkdir(root, { recursive: true });
    await symlink(join(process.cwd(), "node_modules"), join(root, "node_modules"), "dir");
    for (const provider of providers) {
      const started = performance.now();
      const output = await generateFixture({ prisma: join(fixtures, provider.file) });
      const ms = Math.round(performance.now() - started);
      const dir = join(root, provider.name);
      await writeRendered({ dir, files: output.files });
      await symlink(join(process.cwd(), "node_modules"), join(dir, "node_modules"), "dir");
      generated.set(provider.name, {
        files: new Map(output.files.map((f) => [f.path, f.content])),
        diagnostics: [...output.ir.diagnostics, ...output.diagnostics].map((d) => `${d.code} ${d.message}`),
        ms,
      });
      const result = await runCommand({ command: process.execPath, args: ["scripts/prisma-generate.mjs"], cwd: dir });
      prismaGenerate.set(provider.name, { code: result.code, output: result.stdout + result.stderr, ms: result.ms });
    }
    const first = JSON.parse(generated.get("cockroachdb")?.files.get("tsconfig.json") ?? "{}") as { compilerOptions: object };
    await writeFile(
      join(root, "tsconfig.json"),
      JSON.stringify({ compilerOptions: first.compilerOptions, include: providers.flatMap((p) => [`${p.name}/src/**/*.ts`, `${p.name}/test/**/*.ts`, `${p.name}/prisma.config.ts`]) }, null, 2),
    );
  }, 300_000);

  it.each(providers)("$name: the project's driver adapter is $adapter, in createAdapter.ts and package.json", ({ name, adapter, adapterClass }) => {
    const project = generated.get(name);
    expect(project?.diagnostics.filter((d) => d.startsWith("VX510"))).toEqual([]);
    const createAdapter = project?.files.get("src/generated/db/createAdapter.ts") ?? "";
    expect(createAdapter).toContain(`import { ${adapterClass} } from "${adapter}";`);
    const pkg = JSON.parse(project?.files.get("package.json") ?? "{}") as { dependencies: Record<string, string>; scripts: Record<string, string> };
    expect(Object.keys(pkg.dependencies).filter((d) => d.startsWith("@prisma/adapter-"))).toEqual([adapter]);
    // Same version as @prisma/client's family (the toolkit's installed adapter, 7.x).
    expect(pkg.dependencies[adapter]).toMatch(/^7\.\d+\.\d+$/);
  });

  it.each(providers)("$name: the Prisma CLI, client, adapter and engines are one version (npm warns of nothing mismatched)", ({ name }) => {
    const pkg = JSON.parse(generated.get(name)?.files.get("package.json") ?? "{}") as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const prismaPackages = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([dep]) => dep === "prisma" || dep.startsWith("@prisma/"));
    expect(prismaPackages.map(([dep]) => dep)).toEqual(expect.arrayContaining(["prisma", "@prisma/client", "@prisma/driver-adapter-utils"]));
    // The WebAssembly schema engine is versioned `<prisma version>-<build>.<commit>`.
    const releases = new Set(prismaPackages.map(([, version]) => version.replace(/-.*$/, "")));
    expect([...releases]).toHaveLength(1);
  });

  it("SQL Server pushes with Prisma's CLI (the WebAssembly schema engine lacks it), and its README says so; MySQL runs the script vx-gen writes", () => {
    const sqlserver = generated.get("sqlserver");
    const sqlserverPkg = JSON.parse(sqlserver?.files.get("package.json") ?? "{}") as { scripts: Record<string, string> };
    expect(sqlserverPkg.scripts["db:push"]).toBe("prisma db push");
    expect(sqlserver?.files.get("README.md")).toContain("runs Prisma's own `prisma db push`");
    expect(sqlserver?.files.has("prisma/schema.mysql.sql")).toBe(false);
    // typebot's tables, each created only when missing (test/targets/mariadb.e2e.test.ts runs such a script on MariaDB).
    const mysqlScript = generated.get("mysql")?.files.get("prisma/schema.mysql.sql") ?? "";
    expect(mysqlScript).toMatch(/^CREATE TABLE IF NOT EXISTS `User` \($/m);
    expect(mysqlScript).toMatch(/^CREATE TABLE IF NOT EXISTS `VxAuditEvent` \($/m);
    expect(generated.get("mysql")?.files.get("README.md")).not.toContain("runs Prisma's own `prisma db push`");
    for (const name of ["cockroachdb", "postgresql", "mysql"]) {
      const pkg = JSON.parse(generated.get(name)?.files.get("package.json") ?? "{}") as { scripts: Record<string, string> };
      expect(pkg.scripts["db:push"], name).toBe("npm run build && node dist/generated/db/dbPush.js");
    }
    expect(generated.get("sqlserver")?.files.get("README.md")).toContain("no SQL Server instance was available where vx-gen is tested");
    expect(generated.get("mysql")?.files.get("README.md")).not.toContain("was available where vx-gen is tested");
  });

  it("leaves out of prisma/schema.prisma the preview features Prisma 7 rejects (VX203), keeps the others", () => {
    // typebot's `previewFeatures = ["metrics"]`, trigger.dev's `["tracing", "metrics"]`.
    for (const name of ["mysql", "postgresql"]) {
      const project = generated.get(name);
      expect(project?.diagnostics.some((d) => d.startsWith("VX203") && d.includes('preview feature "metrics"')), name).toBe(true);
      expect(project?.files.get("prisma/schema.prisma"), name).not.toContain('"metrics"');
    }
    expect(generated.get("postgresql")?.files.get("prisma/schema.prisma")).toContain('previewFeatures     = ["tracing"]');
    expect(generated.get("mysql")?.files.get("prisma/schema.prisma")).not.toContain("previewFeatures");
  });

  it("runs prisma generate on each project's schema", () => {
    for (const provider of providers) {
      const result = prismaGenerate.get(provider.name);
      console.log(`[providers] ${provider.name}: generated in ${generated.get(provider.name)?.ms ?? -1} ms, prisma generate ${result?.ms ?? -1} ms`);
      expect(result?.code, `${provider.name}:\n${result?.output ?? ""}`).toBe(0);
    }
  });

  it("type-checks the projects with tsc --strict", async () => {
    const tsc = toolkitBin("tsc");
    const result = await runCommand({ ...tsc, args: [...tsc.args, "-p", "tsconfig.json", "--noEmit"], cwd: root, timeoutMs: 300_000 });
    console.log(`[providers] tsc over ${providers.length} projects: ${result.ms} ms`);
    expect(result.stdout.split("\n").slice(0, 40).join("\n") + result.stderr).toBe("");
    expect(result.code).toBe(0);
  }, 300_000);
});

describe("Prisma providers: composite foreign keys (SQLite, foreign keys enforced)", () => {
  it("the factory of a row with a composite key creates one parent and takes both columns from it; the generated tests pass", async () => {
    const dir = join(process.cwd(), "test", ".out", "providers", "sqlite");
    const factories = await readFile(join(dir, "test/generated/support/factories.ts"), "utf8");
    expect(factories).toContain("let parent0: AccountRow | undefined;");
    // The account is made with the key columns the caller sets, if any.
    const account = "(parent0 ??= await factories.account({ ...(overrides.accountId === undefined ? {} : { id: overrides.accountId }), ...(overrides.userId === undefined ? {} : { userId: overrides.userId }), }))";
    expect(factories.replace(/\s+/g, " ")).toContain(`accountId: overrides.accountId ?? ${account}.id,`);
    expect(factories.replace(/\s+/g, " ")).toContain(`userId: overrides.userId ?? ${account}.userId,`);
    // A key to a nullable unique column: the parent is created with a fresh value, which the row takes.
    expect(factories).toMatch(/const key0 = `slug-\$\{i\}`;\s+return prisma\.tagUse\.create\(\{\s+data: \{ tagSlug: overrides\.tagSlug \?\? \(await factories\.tag\(\{ slug: key0 \}\)\)\.slug \?\? key0,/);
    const result = await runGeneratedTests({ dir });
    expect(result.failed, result.stdout.slice(-3000) + result.stderr.slice(-3000)).toBe(0);
    // The service tests of AccountBalance create their rows through that factory.
    expect(result.passed).toBeGreaterThan(10);
  }, 300_000);
});

describe("Prisma providers: a view with @id (Prisma 6.3 style)", () => {
  it("keeps it as the view's key (VX204) and leaves it out of the project's schema, which Prisma 7 then reads without a fix", async () => {
    const read = await readPrisma({ path: join(fixtures, "postgresql-view-key.prisma") });
    expect(read.diagnostics.map((d) => d.code)).toContain("VX204");
    if (!read.db) throw new Error("schema not read");
    expect(read.db.views[0]?.primaryKey?.fields).toEqual(["id"]);
    const emitted = await prismaSchemaForProject({ db: read.db, provider: "postgresql", clientOutput: "../src/generated/prisma" });
    expect(emitted).toMatch(/view TraceView \{\n {2}id {3}String +@default\(cuid\(\)\)\n/);
    expect(emitted).toContain("model Trace {\n  id   String @id @default(cuid())");
    const dir = join(process.cwd(), "test", ".out", "providers-view-key");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "schema.prisma"), emitted);
    const again = await readPrisma({ path: join(dir, "schema.prisma") });
    // Prisma accepts it as is (no compatibility fix, no error); vx-gen's own reading of it finds the view keyless (VX205).
    expect(again.diagnostics.map((d) => d.code)).toEqual(["VX205"]);
  });
});

describe("Prisma providers: MongoDB", () => {
  const mongodb = join(fixtures, "mongodb.prisma");

  it("alone: refused with VX514 (Prisma 7 has no MongoDB connector), exit 1, nothing written", async () => {
    const out = join(process.cwd(), "test", ".out", "providers-mongodb");
    await rm(out, { recursive: true, force: true });
    const result = runCli({ args: ["generate", "--prisma", mongodb, "--out", out] });
    expect(result.code).toBe(1);
    expect(result.stderr + result.stdout).toMatch(/error VX514 database provider 'mongodb' is not supported: Prisma 7, which generated projects use, has no connector/);
    await expect(readFile(join(out, "package.json"), "utf8")).rejects.toThrow();
  });

  it("with an OpenAPI document: the API without a database (VX510 warning saying so)", async () => {
    const output = await generateFixture({ openapi: join(process.cwd(), "fixtures", "bookstore", "openapi.yaml"), prisma: mongodb });
    const vx510 = output.diagnostics.filter((d) => d.code === "VX510");
    expect(vx510).toHaveLength(1);
    expect(vx510[0]?.severity).toBe("warning");
    expect(vx510[0]?.message).toMatch(/generated without a database: no Prisma client, repositories or services, every handler a scaffold/);
    expect(output.files.some((f) => f.path === "prisma/schema.prisma")).toBe(false);
  });
});
