import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateFixture } from "./helpers/generateFixture.js";
import { runCommand } from "./helpers/runCommand.js";
import { writeRendered } from "./helpers/writeRendered.js";

const enabled = process.env.CI === "true" || process.env.VX_SLOW_TESTS === "1";
if (!enabled) console.log("[npm install] skipped: runs when CI=true or VX_SLOW_TESTS=1");

/**
 * The one test that installs a generated project's dependencies for real (`npm install` from the registry, with the
 * exact versions the generated package.json pins), then runs its scripts. The petstore fixture on PostgreSQL: its
 * driver is pure JavaScript (no native build), and in CI (VX_TEST_PG_URL) its generated tests run against the server.
 */
describe.skipIf(!enabled)("a generated project installs from the npm registry and runs its scripts", () => {
  it("npm install, npm run typecheck, npm test", async () => {
    const input = join(process.cwd(), "test", ".out", "npm-install-input");
    await mkdir(input, { recursive: true });
    const schema = (await readFile("fixtures/petstore-v2/schema.prisma", "utf8")).replace('provider = "sqlite"', 'provider = "postgresql"');
    await writeFile(join(input, "schema.prisma"), schema);
    const output = await generateFixture({ openapi: "fixtures/petstore-v2/swagger.yaml", prisma: join(input, "schema.prisma") });
    const dir = join(tmpdir(), `vx-npm-install-${process.pid}`);
    await writeRendered({ dir, files: output.files });
    try {
      const install = await runCommand({ command: "npm", args: ["install", "--prefer-offline", "--no-audit", "--no-fund"], cwd: dir, timeoutMs: 420_000 });
      console.log(`[npm install] ${install.ms} ms`);
      expect(install.code, install.stdout.slice(-3000) + install.stderr.slice(-3000)).toBe(0);
      const typecheck = await runCommand({ command: "npm", args: ["run", "typecheck"], cwd: dir });
      expect(typecheck.code, typecheck.stdout.slice(-3000) + typecheck.stderr.slice(-3000)).toBe(0);
      const pg = process.env.VX_TEST_PG_URL;
      if (pg !== undefined) {
        const tests = await runCommand({ command: "npm", args: ["test"], cwd: dir, env: { TEST_DATABASE_URL: pg } });
        expect(tests.code, tests.stdout.slice(-3000) + tests.stderr.slice(-3000)).toBe(0);
        expect(tests.stdout).toMatch(/Tests\s+.*\d+ passed/);
      } else {
        console.log("[npm install] VX_TEST_PG_URL not set: generated tests not run against PostgreSQL");
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 900_000);
});
