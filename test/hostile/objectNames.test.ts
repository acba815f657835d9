import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCommand, toolkitBin } from "../targets/helpers/runCommand.js";
import { probeFile } from "./probeFile.js";

/**
 * Names plain objects inherit, in a spec the generator always accepted: a path parameter named `constructor` (every
 * request answered 400 "is required"), a security scheme named `__proto__` (its verifier was lost: 500) and a
 * requirement naming an undefined scheme `valueOf` (500). The generated project's own vitest runs the probes, for
 * every target.
 */
const ok = { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } };
const openapi = {
  openapi: "3.1.0",
  info: { title: "object names", version: "1.0.0" },
  paths: {
    "/c/{constructor}": {
      get: {
        operationId: "byConstructor",
        parameters: [
          { name: "constructor", in: "path", required: true, schema: { type: "string" } },
          { name: "toString", in: "query", schema: { type: "string" } },
        ],
        responses: ok,
      },
    },
    "/proto": { get: { operationId: "protoSecured", security: [{ ["__proto__"]: [] }], responses: ok } },
    "/undefined": { get: { operationId: "undefinedScheme", security: [{ valueOf: [] }], responses: ok } },
  },
  components: { securitySchemes: { ["__proto__"]: { type: "apiKey", in: "header", name: "x-key" } } },
};

const probe = probeFile(`
it("a path parameter named constructor reaches the handler (501 from the scaffold, not 400)", async () => {
  const response = await api.request({ method: "GET", url: "/c/abc?toString=1" });
  expect(response.status, JSON.stringify(response.body)).toBe(501);
});

it("a security scheme named __proto__ keeps its verifier", async () => {
  expect((await api.request({ method: "GET", url: "/proto" })).status).toBe(501);
  expect((await locked.request({ method: "GET", url: "/proto" })).status).toBe(401);
});

it("a requirement naming the undefined scheme valueOf is denied (401), never 500", async () => {
  expect((await api.request({ method: "GET", url: "/undefined" })).status).toBe(401);
});
`);

describe.each(["fastify", "express"])("names inherited from Object.prototype work at run time (%s)", (target) => {
  const dir = join(process.cwd(), "test", ".out", `object-names-${target}`);
  beforeAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "openapi.json"), JSON.stringify(openapi));
  });

  it("path parameter constructor, scheme __proto__, undefined scheme valueOf", async () => {
    const generated = await runCommand({
      command: process.execPath,
      args: [
        join(process.cwd(), "bin", "vx-gen.js"),
        "generate",
        "--openapi",
        "openapi.json",
        "--target",
        target,
        "--out",
        "out",
      ],
      cwd: dir,
    });
    expect(generated.code, generated.stdout + generated.stderr).toBe(0);
    const out = join(dir, "out");
    await writeFile(join(out, "test", "objectNames.probe.test.ts"), probe);
    await symlink(join(process.cwd(), "node_modules"), join(out, "node_modules"), "dir");
    const vitest = toolkitBin("vitest");
    const tests = await runCommand({
      ...vitest,
      args: [...vitest.args, "run", "test/objectNames.probe.test.ts"],
      cwd: out,
    });
    expect(tests.code, tests.stdout.slice(-5000) + tests.stderr.slice(-3000)).toBe(0);
    expect(tests.stdout).toMatch(/Tests\s+.*3 passed/);
  }, 240_000);
});
