import { describe, expect, it } from "vitest";
import { bookstoreServers } from "./helpers/bookstoreServers.js";
import { runCommand } from "./helpers/runCommand.js";
import { testAuthEnv } from "./helpers/startServer.js";

/**
 * The generated bookstore's operational tooling, on every target, its built server started from outside: the
 * project's own load test (`npm run bench`'s module).
 */

const targets = [
  { target: "fastify", offset: 0 },
  { target: "express", offset: 10 },
];

describe.each(targets)("bookstore operations tooling ($target)", ({ target, offset }) => {
  const databaseFile = "tooling.db";
  const { project } = bookstoreServers({ name: "bookstore-tooling", target, databaseFile, portBase: 51_000, offset });

  it("bench: loads the GETs on a server it starts itself, reports p50/p95/p99 per operation, skips writes and secured ones", async () => {
    const bench = await runCommand({
      command: process.execPath,
      args: ["dist/generated/bench/bench.js"],
      cwd: project().dir,
      env: {
        ...testAuthEnv,
        DATABASE_URL: `file:./${databaseFile}`,
        BENCH_DURATION: "1",
        BENCH_CONNECTIONS: "2",
        BENCH_OPERATIONS: "listAuthors,getAuthor,listBooks,listMembers,createAuthor",
      },
      timeoutMs: 60_000,
    });
    expect(bench.code, bench.stdout + bench.stderr).toBe(0);
    const lines = bench.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^operation\s+method\s+req\/s\s+p50 ms\s+p95 ms\s+p99 ms\s+non-2xx$/);
    // Every request answered (the warm-up took the cold start), listAuthors with 200s only, getAuthor 404s (no author yet).
    expect(lines[1]).toMatch(/^listAuthors\s+GET\s+[1-9]\d*\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+-\s+\/api\/v1\/authors$/);
    expect(lines[2]).toMatch(/^getAuthor\s+GET\s+[1-9]\d*\s+([\d.]+\s+){3}404x\d+\s+\/api\/v1\/authors\/1$/);
    expect(lines[3]).toMatch(/^listBooks\s+GET\s+[1-9]\d*/);
    expect(bench.stdout).toContain("skipped createAuthor (POST /api/v1/authors): a write (BENCH_WRITES=on loads it)");
    expect(bench.stdout).toContain("skipped listMembers (GET /api/v1/members): secured (BENCH_AUTHORIZATION sends credentials)");
    expect(lines.at(-1)).toMatch(/^every p95 within the 500 ms budget \(3 operations\)$|^p95 over the 500 ms budget/);
  }, 90_000);

  it("bench: refuses writes without a scratch database, naming the variables", async () => {
    const bench = await runCommand({ command: process.execPath, args: ["dist/generated/bench/bench.js"], cwd: project().dir, env: { BENCH_WRITES: "on" } });
    expect(bench.code).toBe(1);
    expect(bench.stderr).toContain("BENCH_WRITES=on needs BENCH_DATABASE_URL");
  });
});
