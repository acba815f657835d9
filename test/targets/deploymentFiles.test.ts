import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { textOf } from "../../generators/shared/printedText.js";
import { renderProjectFiles } from "../../generators/shared/renderProjectFiles.js";
import type { DbProvider } from "../../src/ir/types.js";
import { apiModel } from "../../src/ir/factories/api.js";

// The generated Dockerfile, .dockerignore and compose.yaml, parsed (Docker is not on this machine): a multi-stage
// image on node:20-slim, production dependencies only, a non-root user, a HEALTHCHECK on the liveness probe; compose
// with the database server of the provider and Redis, each healthy before the API starts.

/** The deployment files of a project with `provider` and the probe at `liveness`. */
function deploymentFiles({ provider, liveness = "/healthz" }: { provider: DbProvider | undefined; liveness?: string }) {
  const files = renderProjectFiles({
    api: apiModel({ info: { title: "Book Store", version: "1" } }),
    provider,
    deps: { runtime: [], dev: [] },
    basePath: "",
    limits: [],
    health: { liveness, readiness: "/readyz" },
    metricsPath: "/metrics",
    auth: [],
    accounts: false,
  });
  const text = (path: string) => {
    const file = files.find((f) => f.path === path);
    if (file === undefined) throw new Error(`${path} not written`);
    expect(file.ownership).toBe("scaffold");
    return textOf(file.content);
  };
  return { dockerfile: text("Dockerfile"), dockerignore: text(".dockerignore"), compose: text("compose.yaml") };
}

interface Instruction {
  keyword: string;
  args: string;
}

/** A Dockerfile's instructions in order (comments and blank lines dropped; no line continuations are generated). */
function instructions(dockerfile: string): Instruction[] {
  return dockerfile
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => {
      const [keyword = "", ...rest] = line.split(" ");
      return { keyword: keyword.toUpperCase(), args: rest.join(" ") };
    });
}

/** The instructions of each stage, by stage name. */
function stages(dockerfile: string): Map<string, Instruction[]> {
  const byStage = new Map<string, Instruction[]>();
  let current: Instruction[] | undefined;
  for (const instruction of instructions(dockerfile)) {
    if (instruction.keyword === "FROM") {
      const [image = "", as, name = ""] = instruction.args.split(/\s+/);
      expect(as?.toUpperCase()).toBe("AS");
      current = [{ keyword: "FROM", args: image }];
      byStage.set(name, current);
    } else {
      expect(current, `${instruction.keyword} before FROM`).toBeDefined();
      current?.push(instruction);
    }
  }
  return byStage;
}

interface ComposeService {
  image?: string;
  build?: string;
  ports?: string[];
  environment?: Record<string, string>;
  command?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}

describe.each([["sqlite" as const], ["postgresql" as const], ["mysql" as const], [undefined]])(
  "deployment files (database: %s)",
  (provider) => {
    const { dockerfile, dockerignore, compose } = deploymentFiles({ provider });

    it("build in two stages on node:20-slim: every dependency and the Prisma client, then dist/", () => {
      const byStage = stages(dockerfile);
      expect([...byStage.keys()]).toEqual(["build", "runtime"]);
      const build = byStage.get("build") ?? [];
      expect(build[0]).toEqual({ keyword: "FROM", args: "node:20-slim" });
      const runs = build.filter((i) => i.keyword === "RUN").map((i) => i.args);
      expect(runs).toEqual(["npm ci", "npm run build"]);
      // The schema and the generate script are there when npm ci's postinstall runs prisma generate.
      const copiedBeforeCi = build
        .slice(
          0,
          build.findIndex((i) => i.args === "npm ci"),
        )
        .filter((i) => i.keyword === "COPY");
      expect(copiedBeforeCi.map((i) => i.args)).toEqual(
        provider === undefined
          ? ["package.json package-lock.json ./"]
          : ["package.json package-lock.json ./", "prisma.config.ts ./", "prisma ./prisma", "scripts ./scripts"],
      );
    });

    it("run production dependencies only, as a non-root user, exposing the port with a HEALTHCHECK on /healthz", () => {
      const runtime = stages(dockerfile).get("runtime") ?? [];
      expect(runtime[0]).toEqual({ keyword: "FROM", args: "node:20-slim" });
      const install = runtime.find((i) => i.keyword === "RUN" && i.args.includes("npm ci"));
      expect(install?.args).toMatch(/npm ci --omit=dev/);
      expect(install?.args).toMatch(/^npm pkg delete scripts\.postinstall && /);
      expect(
        runtime.filter((i) => i.keyword === "COPY" && i.args.startsWith("--from=build")).map((i) => i.args),
      ).toEqual(
        provider === undefined
          ? ["--from=build /app/dist ./dist"]
          : ["--from=build /app/dist ./dist", "--from=build /app/prisma ./prisma"],
      );
      const user = runtime.findIndex((i) => i.keyword === "USER");
      expect(runtime[user]?.args).toBe("node");
      // Nothing after USER runs as root, and the server starts after it.
      expect(runtime.slice(user).some((i) => i.keyword === "RUN")).toBe(false);
      expect(runtime.findIndex((i) => i.keyword === "CMD")).toBeGreaterThan(user);
      expect(runtime.find((i) => i.keyword === "EXPOSE")?.args).toBe("3000");
      expect(runtime.find((i) => i.keyword === "ENV" && i.args.startsWith("NODE_ENV"))?.args).toBe(
        "NODE_ENV=production",
      );
      const healthcheck = runtime.find((i) => i.keyword === "HEALTHCHECK")?.args ?? "";
      const exec = JSON.parse(healthcheck.slice(healthcheck.indexOf("CMD ") + 4)) as string[];
      expect(exec.slice(0, 2)).toEqual(["node", "-e"]);
      expect(exec[2]).toContain('"/healthz"');
      expect(JSON.parse(runtime.find((i) => i.keyword === "CMD")?.args ?? "")).toEqual(["node", "dist/server.js"]);
    });

    it("keep node_modules, dist, secrets and databases out of the build context", () => {
      const entries = dockerignore.split("\n").filter((line) => line !== "");
      for (const entry of ["node_modules", "dist", ".env", ".env.*", "!.env.example", "*.db", ".git"])
        expect(entries).toContain(entry);
    });

    it("compose the API with its database server and Redis, started once they are healthy", () => {
      const parsed = parse(compose) as {
        name: string;
        services: Record<string, ComposeService>;
        volumes: Record<string, unknown>;
      };
      expect(parsed.name).toBe("book-store");
      const { api, redis } = parsed.services;
      expect(api?.build).toBe(".");
      expect(api?.ports).toEqual(["3000:3000"]);
      expect(api?.environment?.REDIS_URL).toBe("redis://redis:6379");
      expect(redis?.image).toMatch(/^redis:7/);
      expect(redis?.healthcheck?.test).toEqual(["CMD", "redis-cli", "ping"]);
      const server = { sqlite: undefined, postgresql: "postgres", mysql: "mysql" }[provider ?? "sqlite"];
      const waitsFor = server === undefined ? ["redis"] : [server, "redis"];
      expect(Object.keys(api?.depends_on ?? {}).sort()).toEqual([...waitsFor].sort());
      for (const name of waitsFor) {
        expect(api?.depends_on?.[name]).toEqual({ condition: "service_healthy" });
        expect(parsed.services[name]?.healthcheck?.test.length).toBeGreaterThan(0);
      }
      // Every named volume a service mounts is declared.
      for (const service of Object.values(parsed.services))
        for (const volume of service.volumes ?? []) expect(Object.keys(parsed.volumes)).toContain(volume.split(":")[0]);
      if (provider === "postgresql") {
        const postgres = parsed.services.postgres;
        expect(postgres?.image).toMatch(/^postgres:16/);
        expect(postgres?.healthcheck?.test).toEqual(["CMD-SHELL", "pg_isready -U app -d app"]);
        const url = new URL(api?.environment?.DATABASE_URL ?? "");
        expect([url.protocol, url.hostname, url.port, url.pathname]).toEqual([
          "postgresql:",
          "postgres",
          "5432",
          "/app",
        ]);
        expect(decodeURIComponent(url.password)).toBe(postgres?.environment?.POSTGRES_PASSWORD);
      }
      if (provider === "sqlite") expect(api?.environment?.DATABASE_URL).toBe("file:/data/app.db");
      if (provider === undefined) {
        expect(api?.environment?.DATABASE_URL).toBeUndefined();
        expect(api?.command).toBeUndefined();
      } else expect(api?.command).toEqual(["sh", "-c", "node dist/generated/db/dbPush.js && exec node dist/server.js"]);
    });
  },
);

describe("deployment files", () => {
  it("check the probe where it moved (/_vx/healthz when the spec has /healthz)", () => {
    const { dockerfile } = deploymentFiles({ provider: "sqlite", liveness: "/_vx/healthz" });
    expect(dockerfile).toContain('\\"/_vx/healthz\\"');
  });
});
