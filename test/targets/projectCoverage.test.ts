import { describe, expect, it } from "vitest";
import { textOf } from "../../generators/shared/printedText.js";
import { renderProjectFiles } from "../../generators/shared/renderProjectFiles.js";
import { apiModel } from "../../src/ir/factories/api.js";

describe("generated projects measure their tests' coverage", () => {
  it.each([["sqlite" as const], [undefined]])("has npm run test:coverage with @vitest/coverage-v8 at vitest's version (database: %s)", (provider) => {
    const files = renderProjectFiles({ api: apiModel(), provider, deps: { runtime: [], dev: [] }, basePath: "", limits: [], health: { liveness: "/healthz", readiness: "/readyz" }, metricsPath: "/metrics", auth: [], accounts: false });
    const pkg = JSON.parse(textOf(files.find((f) => f.path === "package.json")?.content ?? "{}")) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.scripts["test:coverage"]).toMatch(/vitest run --coverage$/);
    expect(pkg.devDependencies["@vitest/coverage-v8"]).toBeDefined();
    expect(pkg.devDependencies["@vitest/coverage-v8"]).toBe(pkg.devDependencies["vitest"]);
    const config = textOf(files.find((f) => f.path === "vitest.config.ts")?.content ?? "");
    expect(config).toContain(`provider: "v8"`);
    expect(config).toContain(`include: ["src/**/*.ts"]`);
    expect(config).toContain(`exclude: ["src/generated/prisma/**", "src/generated/validation/**"]`);
  });
});
