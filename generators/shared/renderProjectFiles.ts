import type { AuthVariable } from "./renderSecurity.js";
import type { ApiModel, DbProvider } from "../../src/ir/types.js";
import { kebabCase } from "../../src/naming/caseConversion.js";
import { installedVersion } from "./dependencyVersions.js";
import type { DraftFile } from "./finishFiles.js";
import { lineCommentText } from "../../src/emit/lineCommentText.js";
import { markdownText } from "../../src/emit/markdownText.js";
import type { LimitView } from "./serverLimits.js";
import type { HealthPaths } from "./healthPaths.js";
import { auditSettingView, serverSettingViews } from "./serverSettingViews.js";
import { deploymentView } from "./deploymentView.js";
import { projectLayout } from "./projectLayout.js";
import { renderTemplate } from "./renderTemplate.js";
import { tsString } from "../../src/emit/tsString.js";

export interface ProjectDependencies {
  /** Package names; versions are the toolkit's own installed ones. */
  runtime: string[];
  dev: string[];
}

/** Which driver adapter a provider's project uses (`createAdapter.ts`): CockroachDB speaks PostgreSQL's protocol. */
export type DriverAdapterKind = "betterSqlite3" | "pg" | "mariadb" | "mssql";

export function driverAdapterKind(provider: DbProvider): DriverAdapterKind {
  switch (provider) {
    case "sqlite":
      return "betterSqlite3";
    case "postgresql":
    case "cockroachdb":
      return "pg";
    case "sqlserver":
      return "mssql";
    default:
      return "mariadb";
  }
}

/** The driver adapter packages of a database provider (Prisma 7 always runs through one). */
export function adapterPackages(provider: DbProvider): string[] {
  switch (driverAdapterKind(provider)) {
    case "betterSqlite3":
      return ["@prisma/adapter-better-sqlite3", "better-sqlite3"];
    case "pg":
      return ["@prisma/adapter-pg", "pg"];
    case "mssql":
      return ["@prisma/adapter-mssql"];
    case "mariadb":
      return ["@prisma/adapter-mariadb"];
  }
}

/**
 * Whether `npm run db:push` can create the tables offline (pushSchema.ts): through Prisma's WebAssembly schema engine
 * (Prisma 7.10's has PostgreSQL, CockroachDB included, and SQLite only), or for MySQL/MariaDB by running the script
 * vx-gen writes beside the schema (`prisma/schema.mysql.sql`). SQL Server projects push with Prisma's CLI (its native
 * engine).
 */
export function offlineSchemaPush(provider: DbProvider): boolean {
  return driverAdapterKind(provider) === "betterSqlite3" || driverAdapterKind(provider) === "pg" || provider === "mysql";
}

export function defaultDatabaseUrl(provider: DbProvider): string {
  switch (driverAdapterKind(provider)) {
    case "betterSqlite3":
      return "file:./dev.db";
    case "pg":
      return "postgresql://postgres:postgres@localhost:5432/app";
    case "mssql":
      return "sqlserver://localhost:1433;database=app;user=sa;password=Passw0rd!;trustServerCertificate=true";
    case "mariadb":
      return "mysql://root:root@localhost:3306/app";
  }
}

function versions(names: string[], fallback: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [...new Set(names)].sort()) out[name] = installedVersion({ name, fallback }) ?? fallback;
  return out;
}

/**
 * The project's own files: package.json (scripts, exact dependency versions), tsconfig, vitest and Prisma config,
 * the prisma generate wrapper, .gitignore, .env.example, README. All scaffold (yours once written) except the script.
 */
export function renderProjectFiles({
  api,
  provider,
  deps,
  basePath,
  limits,
  health,
  metricsPath,
  auth,
  accounts,
  apiKeyTable = false,
}: {
  api: ApiModel;
  provider: DbProvider | undefined;
  deps: ProjectDependencies;
  basePath: string;
  /** The server's request limits (their variables and defaults go into .env.example and the README). */
  limits: readonly LimitView[];
  /** Where the liveness and readiness probes are served (README). */
  health: HealthPaths;
  /** Where the Prometheus metrics are served (README): `/metrics` or `/_vx/metrics`, no spec text. */
  metricsPath: string;
  /** The environment variables of the default security verifiers (.env.example, README). */
  auth: readonly AuthVariable[];
  /** Whether the project has the accounts routes (their credential routes' rate limit in .env.example, README). */
  accounts: boolean;
  /** Whether API keys live in the VxApiKey table (`npm run api-keys`, README). */
  apiKeyTable?: boolean;
}): DraftFile[] {
  const hasDb = provider !== undefined;
  const prismaVersion = installedVersion({ name: "@prisma/client" }) ?? "7.10.0";
  const runtime = [...deps.runtime, ...(hasDb ? ["@prisma/client", "@prisma/driver-adapter-utils", "@prisma/instrumentation", "@prisma/schema-engine-wasm", ...adapterPackages(provider)] : [])];
  // autocannon: `npm run bench`'s load generator.
  const dev = [...deps.dev, "typescript", "vitest", "@vitest/coverage-v8", "@types/node", "autocannon", "@types/autocannon", ...(hasDb ? ["prisma"] : [])];
  const name = kebabCase(api.info.title) || "api";
  const scripts: Record<string, string> = hasDb
    ? {
        postinstall: "node scripts/prisma-generate.mjs",
        "prisma:generate": "node scripts/prisma-generate.mjs",
        build: "npm run prisma:generate && tsc -p tsconfig.build.json && node scripts/copy-json.mjs",
        typecheck: "npm run prisma:generate && tsc -p tsconfig.json --noEmit",
        "db:push": offlineSchemaPush(provider) ? "npm run build && node dist/generated/db/dbPush.js" : "prisma db push",
        "db:push:prisma": "prisma db push",
        test: "npm run prisma:generate && vitest run",
        "test:coverage": "npm run prisma:generate && vitest run --coverage",
        start: "npm run build && node dist/server.js",
        dev: "npm run build && (tsc -p tsconfig.build.json --watch --preserveWatchOutput & node scripts/copy-json.mjs --watch & node --watch dist/server.js)",
        bench: "npm run build && node dist/generated/bench/bench.js",
        ...(apiKeyTable ? { "api-keys": "npm run build --silent && node dist/generated/auth/apiKeysCli.js" } : {}),
      }
    : {
        build: "tsc -p tsconfig.build.json && node scripts/copy-json.mjs",
        typecheck: "tsc -p tsconfig.json --noEmit",
        test: "vitest run",
        "test:coverage": "vitest run --coverage",
        start: "npm run build && node dist/server.js",
        dev: "npm run build && (tsc -p tsconfig.build.json --watch --preserveWatchOutput & node scripts/copy-json.mjs --watch & node --watch dist/server.js)",
        bench: "npm run build && node dist/generated/bench/bench.js",
      };
  const pkg = {
    name,
    version: /^\d+\.\d+\.\d+/.test(api.info.version) ? api.info.version : "0.1.0",
    private: true,
    description: `${api.info.title}: generated by vx-gen`,
    type: "module",
    engines: { node: ">=20.19" },
    scripts,
    dependencies: versions(runtime, prismaVersion),
    devDependencies: versions(dev, prismaVersion),
  };
  const tsconfig = {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      esModuleInterop: true,
      skipLibCheck: true,
      resolveJsonModule: true,
      types: ["node"],
      noEmit: true,
    },
    include: ["src/**/*.ts", "test/**/*.ts", "vitest.config.ts", ...(hasDb ? ["prisma.config.ts"] : [])],
  };
  const tsconfigBuild = {
    extends: "./tsconfig.json",
    compilerOptions: { noEmit: false, rootDir: "src", outDir: "dist", sourceMap: true },
    include: ["src/**/*.ts"],
  };
  // What the text files print, escaped for where it goes (Markdown, a `#` comment line); the rest is fixed text.
  const text = {
    hasDb,
    titleMarkdown: markdownText(api.info.title),
    basePathComment: lineCommentText(basePath),
    basePathMarkdown: markdownText(basePath || "/"),
    databaseUrl: hasDb ? defaultDatabaseUrl(provider) : "",
    /** `npm run db:push` runs Prisma's CLI (native engine, downloaded on first use), not the offline push. */
    pushWithCli: hasDb && !offlineSchemaPush(provider),
    /** MySQL/MariaDB: `db:push` runs `prisma/schema.mysql.sql`, which creates missing tables and alters none. */
    pushScript: provider === "mysql",
    /** SQL Server: the toolkit type-checks these projects but has never run one against a server. */
    untestedProvider: provider === "sqlserver" ? "SQL Server" : "",
    limits,
    health,
    metricsPath,
    // AUDIT only where there are services to audit (a database).
    settings: [...serverSettingViews({ accounts }), ...(hasDb ? [auditSettingView] : [])],
    accounts,
    apiKeyTable,
    auth,
    secretsPath: projectLayout.runtime("secrets"),
  };
  const files: DraftFile[] = [
    { path: "package.json", content: JSON.stringify(pkg, null, 2), ownership: "scaffold" },
    { path: "tsconfig.json", content: JSON.stringify(tsconfig, null, 2), ownership: "scaffold" },
    { path: "tsconfig.build.json", content: JSON.stringify(tsconfigBuild, null, 2), ownership: "scaffold" },
    {
      path: "vitest.config.ts",
      // `npm run test:coverage` measures the project's own code (not the Prisma client, not the precompiled validators).
      content: renderTemplate({ plugin: "shared", file: "project/vitest.config.ts" }),
      ownership: "scaffold",
    },
    {
      path: ".gitignore",
      content: renderTemplate({ plugin: "shared", file: "project/gitignore.ejs", data: text }),
      ownership: "scaffold",
    },
    {
      path: ".env.example",
      content: renderTemplate({ plugin: "shared", file: "project/env.example.ejs", data: text }),
      ownership: "scaffold",
    },
    {
      path: "README.md",
      content: renderTemplate({ plugin: "shared", file: "project/README.md.ejs", data: text }),
      ownership: "scaffold",
    },
  ];
  // Deployment: the image (multi-stage, non-root, HEALTHCHECK) and a compose file with the database and Redis.
  const deployment = deploymentView({ packageName: name, provider, liveness: health.liveness });
  for (const [path, file] of [["Dockerfile", "Dockerfile.ejs"], [".dockerignore", "dockerignore.ejs"], ["compose.yaml", "compose.yaml.ejs"]] as const)
    files.push({ path, content: renderTemplate({ plugin: "shared", file: `project/${file}`, data: { view: deployment } }), ownership: "scaffold" });
  // The generated JSON data (the OpenAPI document, response schemas) next to the built modules that read it.
  files.push({ path: "scripts/copy-json.mjs", content: renderTemplate({ plugin: "shared", file: "project/copy-json.mjs" }), ownership: "generated" });
  if (hasDb) {
    files.push({
      path: "prisma.config.ts",
      content: renderTemplate({
        plugin: "shared",
        file: "project/prisma.config.ts.ejs",
        data: { schemaLiteral: tsString(projectLayout.prismaSchema), databaseUrlLiteral: tsString(defaultDatabaseUrl(provider)) },
      }),
      ownership: "scaffold",
    });
    files.push({
      path: "scripts/prisma-generate.mjs",
      content: renderTemplate({ plugin: "shared", file: "project/prisma-generate.mjs" }),
      ownership: "generated",
    });
  }
  return files;
}
