import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      exclude: ["src/generated/prisma/**", "src/generated/validation/**"],
      reporter: ["text-summary", "json-summary"],
    },
    projects: [
      {
        extends: true,
        test: {
          name: "api",
          // The generated API tests (one file per model): each builds its own app on a database of its own, and they
          // share a worker's modules, so a large project's app, Prisma client and validators load once per worker,
          // not once per file. They mock nothing.
          include: ["test/generated/*.test.ts"],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "unit",
          // Every other test (yours too) runs in modules of its own, as Vitest's default: `vi.mock` stays in its file.
          include: ["test/**/*.test.ts"],
          exclude: ["test/generated/*.test.ts"],
        },
      },
    ],
  },
});
