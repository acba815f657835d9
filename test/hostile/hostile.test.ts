import { existsSync } from "node:fs";
import { mkdir, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isDeviceName } from "../../src/naming/fileStem.js";
import { runCommand, toolkitBin } from "../targets/helpers/runCommand.js";
import { probeFile } from "./probeFile.js";
import { hostileSpec } from "./hostileSpec.js";

/**
 * The hostile-spec test: a seeded spec and Prisma schema with a payload that runs a canary (writes a marker file) in
 * every string slot, generated with the real CLI into a sandbox. The generated project must type-check strictly and
 * pass its own tests (and the probes below), the canary must never fire, and no file may be written outside the
 * output folder or under a Windows device name. Every target, each in a sandbox of its own.
 */
const seed = 11;

/** Probes of the names plain objects inherit, run by the generated project's vitest with its own tests. */
const probe = probeFile(`
it("reaches the handler with path parameters named __proto__, constructor and toString (501 from the scaffold, not 400)", async () => {
  const response = await api.request({ method: "GET", url: "/p/a/b/c" });
  expect(response.status, JSON.stringify(response.body)).toBe(501);
});

it("reaches the handler with query, header and cookie parameters named after Object.prototype members", async () => {
  const query = "__proto__=1&constructor=2&toString=3&valueOf=4&hasOwnProperty=5";
  const response = await api.request({ method: "GET", url: "/q?" + query, headers: { constructor: "x", tostring: "y", cookie: "__proto__=1; constructor=2" } });
  expect(response.status, JSON.stringify(response.body)).toBe(501);
});

it("keeps the verifier of a security scheme named __proto__ (the test verifier allows; yours denies with 401)", async () => {
  expect((await api.request({ method: "GET", url: "/secured/proto" })).status).toBe(501);
  expect((await locked.request({ method: "GET", url: "/secured/proto" })).status).toBe(401);
});

it("denies a requirement naming an undefined scheme valueOf with 401, never 500", async () => {
  expect((await api.request({ method: "GET", url: "/secured/undefined" })).status).toBe(401);
  expect((await locked.request({ method: "GET", url: "/secured/undefined" })).status).toBe(401);
});
`);

async function walk(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    found.push(path);
    if (entry.isDirectory()) found.push(...(await walk(path)));
  }
  return found;
}

describe.each(["fastify", "express"])("a hostile spec (payloads in every string slot) generates a safe, working %s project", (target) => {
  const sandbox = join(process.cwd(), "test", ".out", `hostile-${target}`);
  const out = join(sandbox, "inner", "out");
  const canary = join(sandbox, "canary-fired");
  const env = { VX_CANARY_FILE: canary };
  let generated: { code: number | null; stdout: string; stderr: string };
  beforeAll(async () => {
    await rm(sandbox, { recursive: true, force: true });
    await mkdir(join(sandbox, "inner"), { recursive: true });
    const input = hostileSpec(seed);
    await writeFile(join(sandbox, "openapi.json"), JSON.stringify(input.openapi, null, 2));
    await writeFile(join(sandbox, "schema.prisma"), input.prisma);
    generated = await runCommand({
      command: process.execPath,
      args: [
        join(process.cwd(), "bin", "vx-gen.js"),
        "generate",
        "--openapi",
        "openapi.json",
        "--prisma",
        "schema.prisma",
        "--target",
        target,
        "--out",
        "inner/out",
      ],
      cwd: sandbox,
      env,
    });
    console.log(`[hostile ${target}] ${input.slots.length} slots: ${input.slots.join("; ")}`);
    // A stalled pool worker (once seen only in CI) says so; shown here so the next one can be read in the log.
    if (generated.stderr.includes("VX_WORKER_TIMEOUT")) console.log(`[hostile ${target}] ${generated.stderr}`);
  }, 240_000);

  it("generates without an error (exit 0, no VX500)", () => {
    expect(generated.stdout + generated.stderr).not.toMatch(/VX5\d\d|error/);
    expect(generated.code, generated.stdout + generated.stderr).toBe(0);
    // The one name the target cannot take, said at its place: a body property `__proto__` (the generated JSON parsers refuse the key).
    expect(generated.stdout + generated.stderr).toMatch(
      /openapi\.json warning VX403 the request body of op.* \(at \/paths\/~1body\/post\/requestBody\)/,
    );
  });

  it("writes nothing outside the output folder and no file under a Windows device name", async () => {
    const inside = (await walk(sandbox)).map((path) => relative(sandbox, path).split("\\").join("/"));
    const outside = inside.filter(
      (path) => !path.startsWith("inner/out") && path !== "inner" && !["openapi.json", "schema.prisma"].includes(path),
    );
    expect(outside).toEqual([]);
    const devices = inside.filter((path) => path.split("/").some((part) => isDeviceName(part)));
    expect(devices).toEqual([]);
    expect(inside.filter((path) => path.startsWith("inner/out/src/security/")).length).toBe(4);
  });

  it("type-checks strictly, passes its own tests and the probes, and the canary never fires", async () => {
    await writeFile(join(out, "test", "hostile.probe.test.ts"), probe);
    await symlink(join(process.cwd(), "node_modules"), join(out, "node_modules"), "dir");
    const prisma = await runCommand({
      command: process.execPath,
      args: ["scripts/prisma-generate.mjs"],
      cwd: out,
      env,
    });
    expect(prisma.code, prisma.stdout + prisma.stderr).toBe(0);
    const tsc = toolkitBin("tsc");
    const typecheck = await runCommand({
      ...tsc,
      args: [...tsc.args, "-p", "tsconfig.json", "--noEmit"],
      cwd: out,
      env,
    });
    expect(typecheck.stdout + typecheck.stderr).toBe("");
    const vitest = toolkitBin("vitest");
    const tests = await runCommand({ ...vitest, args: [...vitest.args, "run"], cwd: out, env });
    expect(tests.code, tests.stdout.slice(-6000) + tests.stderr.slice(-4000)).toBe(0);
    expect(tests.stdout).toMatch(/Tests\s+.*\d+ passed/);
    console.log(`[hostile ${target}] generated tests: ${/Tests\s+(.*)/.exec(tests.stdout)?.[1] ?? "?"}`);
    expect(existsSync(canary), "the canary fired").toBe(false);
  }, 400_000);
});
