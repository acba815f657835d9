import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveJobs } from "../../src/config/resolveJobs.js";
import type { VxConfig } from "../../src/config/VxConfig.js";

const cwd = process.cwd();
const configFile = "project/vx.config.json";

describe("resolveJobs", () => {
  it("resolves config paths from the config's folder and merges top level < job < flags", () => {
    const config: VxConfig = {
      openapi: "api.yaml",
      prisma: "prisma",
      out: "gen",
      options: { basePath: "/v1", readOnlyInRequests: "reject" },
      jobs: [{ name: "a", options: { basePath: "/a" } }, { name: "b", target: "other", out: "gen-b", openapi: "b.yaml" }],
    };
    const { jobs, diagnostics } = resolveJobs({ config, configFile, overrides: {}, cwd });
    expect(diagnostics).toEqual([]);
    expect(jobs).toEqual([
      { name: "a", openapi: "project/api.yaml", prisma: "project/prisma", target: "fastify", out: "project/gen", allowRemoteRefs: false, options: { basePath: "/a", readOnlyInRequests: "reject" }, configFile },
      { name: "b", openapi: "project/b.yaml", prisma: "project/prisma", target: "other", out: "project/gen-b", allowRemoteRefs: false, options: { basePath: "/v1", readOnlyInRequests: "reject" }, configFile },
    ]);
  });

  it("merges the derive settings key by key, a job's winning over the top level's", () => {
    const config: VxConfig = { prisma: "schema.prisma", out: "gen", derive: { decimal: "number" }, jobs: [{ name: "a" }, { name: "b", out: "gen-b", derive: { decimal: "string" } }] };
    const { jobs, diagnostics } = resolveJobs({ config, configFile, overrides: {}, cwd });
    expect(diagnostics).toEqual([]);
    expect(jobs.map((j) => [j.name, j.derive])).toEqual([["a", { decimal: "number" }], ["b", { decimal: "string" }]]);
    expect(resolveJobs({ config: { prisma: "p", out: "o" }, configFile, overrides: {}, cwd }).jobs[0]).not.toHaveProperty("derive");
  });

  it("lets flags override one selected job; flag paths are relative to the working directory", () => {
    const config: VxConfig = { jobs: [{ name: "a", openapi: "a.yaml", out: "a" }, { name: "b", openapi: "b.yaml", out: "b" }] };
    const { jobs } = resolveJobs({ config, configFile, overrides: { job: "b", out: "elsewhere", allowRemoteRefs: true, target: "x" }, cwd });
    expect(jobs.map((j) => [j.name, j.openapi, j.out, j.target, j.allowRemoteRefs])).toEqual([["b", "project/b.yaml", "elsewhere", "x", true]]);
  });

  it("refuses path flags that would apply to several jobs, unknown job names and shared output folders", () => {
    const config: VxConfig = { jobs: [{ name: "a", openapi: "a.yaml", out: "a" }, { name: "b", openapi: "b.yaml", out: "./a" }] };
    const ambiguous = resolveJobs({ config, configFile, overrides: { out: "x" }, cwd });
    expect(ambiguous.diagnostics.map((d) => d.code)).toEqual(["VX024"]);
    expect(ambiguous.diagnostics[0]?.help).toContain("--job");
    const unknown = resolveJobs({ config, configFile, overrides: { job: "c" }, cwd });
    expect(unknown.diagnostics.map((d) => [d.code, d.help])).toEqual([["VX023", "jobs in the config: a, b"]]);
    const shared = resolveJobs({ config, configFile, overrides: {}, cwd });
    expect(shared.diagnostics[0]?.message).toContain('jobs "a" and "b" write to the same folder');
  });

  it("works from flags alone and explains what is missing", () => {
    const fromFlags = resolveJobs({ overrides: { openapi: "api.yaml", out: join(cwd, "out") }, cwd });
    expect(fromFlags.jobs.map((j) => [j.name, j.openapi, j.out])).toEqual([["default", "api.yaml", "out"]]);
    expect(resolveJobs({ overrides: {}, cwd }).diagnostics[0]?.help).toContain("vx-gen init");
    expect(resolveJobs({ overrides: { openapi: "api.yaml" }, cwd }).diagnostics[0]?.message).toContain("no output folder");
    const outside = resolveJobs({ overrides: { prisma: "/elsewhere/schema.prisma", out: "/elsewhere/out" }, cwd });
    expect(outside.jobs[0]?.out).toBe(resolve("/elsewhere/out"));
  });
});
