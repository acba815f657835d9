import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { deriveOpenApi } from "../../src/derive/deriveOpenApi.js";
import { readPrisma } from "../../src/parsers/prisma/readPrisma.js";
import { runGeneratedTests, typecheck } from "../targets/helpers/generatedProject.js";
import { runCommand } from "../targets/helpers/runCommand.js";
import { linkToolkitModules } from "../targets/helpers/writeRendered.js";
import { hostileSpec } from "./hostileSpec.js";

/**
 * The hostile Prisma schema (a payload that runs a canary in every doc comment, hostile enum values) alone: `generate
 * --prisma` derives the API from it, and the doc comments reach the derived document as descriptions. The document
 * must read back as exactly what was derived (a comment is text in it, never YAML structure), and the generated
 * project must type-check and pass its own tests without the canary firing.
 */
describe("a hostile Prisma schema alone: the derived API and the project generated from it are safe", () => {
  const sandbox = join(process.cwd(), "test", ".out", "hostile-derived");
  const out = join(sandbox, "out");
  const canary = join(sandbox, "canary-fired");
  const env = { VX_CANARY_FILE: canary };
  let generated: { code: number | null; stdout: string; stderr: string };
  beforeAll(async () => {
    await rm(sandbox, { recursive: true, force: true });
    await mkdir(sandbox, { recursive: true });
    await writeFile(join(sandbox, "schema.prisma"), hostileSpec(11).prisma);
    generated = await runCommand({ command: process.execPath, args: [join(process.cwd(), "bin", "vx-gen.js"), "generate", "--prisma", "schema.prisma", "--out", "out"], cwd: sandbox, env });
  }, 240_000);

  it("generates (exit 0) and writes the derived document, which reads back as the very value derived", async () => {
    expect(generated.code, generated.stdout + generated.stderr).toBe(0);
    expect(generated.stderr).toContain("no OpenAPI document given: derived");
    const { db } = await readPrisma({ path: join(sandbox, "schema.prisma") });
    if (!db) throw new Error("the hostile schema did not read");
    const text = await readFile(join(out, "openapi.derived.yaml"), "utf8");
    expect(parse(text)).toEqual(deriveOpenApi({ db }).document);
    expect(text).toContain("description:");
  });

  it("type-checks strictly, passes its own tests, and the canary never fires", async () => {
    await linkToolkitModules({ dir: out });
    const prisma = await runCommand({ command: process.execPath, args: ["scripts/prisma-generate.mjs"], cwd: out });
    expect(prisma.code, prisma.stdout + prisma.stderr).toBe(0);
    const tsc = await typecheck({ dir: out });
    expect(tsc.stdout + tsc.stderr).toBe("");
    const tests = await runGeneratedTests({ dir: out, env });
    expect(tests.failed, tests.stdout.slice(-3000)).toBe(0);
    expect(tests.passed).toBeGreaterThan(0);
    console.log(`[hostile derived] generated tests: ${tests.passed} passed`);
    expect(existsSync(canary), "the canary fired").toBe(false);
  }, 400_000);
});
