import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { runtimeRootDirs } from "./test/helpers/runtimeRootDirs.js";

export default defineConfig({
  plugins: [runtimeRootDirs(fileURLToPath(new URL(".", import.meta.url)))],
  test: {
    // The tests shipped with the runtime files (runtime/<plugin>/test/generated/) run here too.
    include: ["test/**/*.test.ts", "runtime/**/*.test.ts"],
    // Generated projects (and their own test suites) live under test/.out; the toolkit's tests run those themselves.
    exclude: ["**/node_modules/**", "test/.out/**", "**/.vx-tmp/**", "test/golden/*/**"],
    globalSetup: ["test/globalSetup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // At least two test files at once, even on a two-core machine: most of the suite's time is spent waiting on child
    // processes (tsc, npm, generated servers), so two workers take the serial CI run from ~1,530 s to ~1,020 s. Timed
    // assertions are kept generous for this (speed targets live in `npm run bench`, not in tests).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
