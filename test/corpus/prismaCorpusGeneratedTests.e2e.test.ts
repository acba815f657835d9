import { rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/runCli.js";
import { sharedInputPresent } from "../helpers/sharedInput.js";
import { installProject, runGeneratedTests } from "../targets/helpers/generatedProject.js";

/**
 * Corpus Prisma schemas, each generated alone (`vx-gen generate --prisma <schema>`: the API derived from it), with
 * their generated tests (`npm test` of the project) run against a real server of the schema's provider: SQLite in
 * temporary files; PostgreSQL (VX_TEST_PG_URL) and MariaDB (VX_TEST_MYSQL_URL) as TEST_DATABASE_URL, where each test
 * file pushes its tables into a schema / database of its own and drops it. A server not set skips its schema with a
 * reason; CI=true fails instead. Every corpus schema is pushed by prismaCorpusPush.e2e.test.ts and type-checked by
 * corpus.typecheck / roundTrip; this file runs the generated tests of every SQLite, PostgreSQL and MySQL schema, all of
 * them but civitai's (302 models, 610 test files: about 40 minutes; ten files here, the whole suite measured outside CI
 * in the closing note of issue 12).
 *
 * The suites became fast enough for CI on 2026-12-07: Fastify compiled every route's response serializer at start-up
 * against the whole shared schema (now on first answer: lazySerializerCompiler), and each test file imported the
 * whole app again (the API test files now share a worker's modules). Measured then, one schema at a time on the
 * shared 2-core machine (the generated project's vitest: passed / failed, wall s of the tests only):
 *
 *   schema       provider    models  stop 31: passed / failed, s   now (this file): passed, todo, s
 *   nextjs-auth  sqlite           5          332 / 0,     26          334,          17
 *   umami        postgresql      17          544 / 0,    143          546,          38
 *   hoppscotch   postgresql      23          601 / 0,    103          603,          39
 *   rallly       postgresql      32          793 / 2,    179          797,          59
 *   documenso    postgresql      51         1114 / 0,    337         1116,         108
 *   langfuse     postgresql      40          797 / 9,    373          808,          81
 *   formbricks   postgresql      56         1076 / 14,   679         1092,         115
 *   dub          mysql           85         1616 / 13,  1205         1627, 4 todo, 165
 *   civitai      postgresql     302          not run                   146, 1 todo,   62 (10 of its 610 files)
 *   (stop 31: one worker, each schema alone; now: two workers, this file's whole run of 732 s on a machine also running
 *   civitai's whole suite, load ~6 on 2 cores. Not counted: the test each suite skips itself, e.g. Redis without
 *   VX_TEST_REDIS_URL.)
 *
 * Fixed on the way: langfuse's `@db.Char(44)` (fixed length: minLength too, or PostgreSQL answers it blank-padded),
 * civitai's `licenses` (`licenseIds`), `dbgenerated()` with no expression (VX207), and dub's deletes of Program and
 * Partner, which Prisma's emulated referential actions cannot run (VX208: `relationMode = "prisma"`, a cascade
 * reaching rows a composite key refers to): their delete tests are todo, with the reason.
 */
const corpus = fileURLToPath(new URL("../../../shared/corpus/prisma", import.meta.url));
const present = sharedInputPresent({ path: corpus, what: "generated tests of corpus Prisma schemas" });
const servers: Record<string, string | undefined> = { sqlite: "", postgresql: process.env.VX_TEST_PG_URL, mysql: process.env.VX_TEST_MYSQL_URL };
/** `minTests`: the measured number of passing tests, less a margin (a generator change that drops many fails). */
const runs: { name: string; provider: string; minTests: number; files?: string[] }[] = [
  { name: "prisma-examples-nextjs-auth", provider: "sqlite", minTests: 320 },
  { name: "umami", provider: "postgresql", minTests: 530 },
  { name: "hoppscotch", provider: "postgresql", minTests: 580 },
  { name: "rallly", provider: "postgresql", minTests: 770 },
  { name: "documenso", provider: "postgresql", minTests: 1080 },
  { name: "langfuse-views", provider: "postgresql", minTests: 780 },
  { name: "formbricks", provider: "postgresql", minTests: 1060 },
  { name: "dub", provider: "mysql", minTests: 1580 },
  // 13 of its 610 test files (the whole suite takes about 30 minutes): Image (VX207), Model (licenseIds), the models
  // most others refer to, and the shapes its whole run failed on first (an enum-keyed table, a key to a nullable
  // column, a BigInt sort).
  {
    name: "civitai",
    provider: "postgresql",
    minTests: 140,
    files: ["image", "model", "user", "article", "post", "tag", "bounty", "collection", "club", "comment", "new-order-player", "block-user-settings", "crypto-deposit"].map(
      (m) => `test/generated/${m}.test.ts`,
    ),
  },
];
const timings: string[] = [];
afterAll(() => {
  if (timings.length > 0) console.log(`Corpus schemas' generated tests (schema: provider, generate ms, passed, tests ms):\n${timings.join("\n")}`);
});

describe.skipIf(!present)("Prisma corpus: generated from the schema alone, a project passes its own tests on a real server", () => {
  it.each(runs)("$name on $provider", async ({ name, provider, minTests, files }) => {
    const server = servers[provider];
    if (server === undefined) {
      if (process.env.CI === "true") throw new Error(`CI=true but no ${provider} server is set (VX_TEST_PG_URL / VX_TEST_MYSQL_URL)`);
      console.log(`[corpus tests] ${name}: skipped, no ${provider} server (set VX_TEST_PG_URL / VX_TEST_MYSQL_URL)`);
      return;
    }
    const dir = join(process.cwd(), "test", ".out", `corpus-tests-${name}`);
    await rm(dir, { recursive: true, force: true });
    const started = performance.now();
    const generated = runCli({ args: ["generate", "--prisma", join(corpus, name), "--out", dir] });
    expect(generated.code, generated.stderr).toBe(0);
    const generateMs = Math.round(performance.now() - started);
    await installProject({ dir, database: true });
    // Two workers: the test files mostly wait on the database server (each pushes its tables).
    const result = await runGeneratedTests({ dir, env: server === "" ? {} : { TEST_DATABASE_URL: server }, workers: 2, ...(files ? { files } : {}) });
    expect(result.failed, result.stdout.slice(-4000) + result.stderr.slice(-4000)).toBe(0);
    expect(result.code).toBe(0);
    expect(result.passed).toBeGreaterThanOrEqual(minTests);
    timings.push(`${name}: ${provider}, ${generateMs} ms, ${result.passed} passed, ${result.ms} ms`);
  }, 600_000);
});
