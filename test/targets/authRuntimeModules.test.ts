import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apiKeyTableRuntimeModules, apiKeyTableRuntimeTests, authRuntimeModules, authRuntimeTests } from "../../generators/shared/renderSecurity.js";

describe("authRuntimeModules", () => {
  it("lists every module of runtime/shared/src/generated/auth, with those of the VxApiKey table (a module left out breaks the generated project)", () => {
    const folder = join(import.meta.dirname, "..", "..", "runtime", "shared", "src", "generated", "auth");
    const files = readdirSync(folder).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3)).sort();
    expect([...authRuntimeModules, ...apiKeyTableRuntimeModules].sort()).toEqual(files);
  });

  it("lists every shipped test of runtime/shared/test/generated/auth", () => {
    const folder = join(import.meta.dirname, "..", "..", "runtime", "shared", "test", "generated", "auth");
    const files = readdirSync(folder).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3)).sort();
    expect([...authRuntimeTests, ...apiKeyTableRuntimeTests].sort()).toEqual(files);
  });
});
