import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toolkitRoot } from "../../generators/shared/toolkitRoot.js";
import { projectRoot } from "../../runtime/shared/src/generated/runtime/projectRoot.js";

// runtime/shared/runtime/projectRoot.ts: the folder of the nearest package.json above the module itself.

describe("projectRoot", () => {
  it("is the toolkit's folder where the toolkit runs it", () => {
    expect(projectRoot()).toBe(toolkitRoot());
  });

  it("is the project's folder from src/generated/runtime/ and from dist/src/generated/runtime/ alike", async () => {
    const project = join(toolkitRoot(), "test", ".out", "project-root");
    await rm(project, { recursive: true, force: true });
    await mkdir(project, { recursive: true });
    await writeFile(join(project, "package.json"), '{ "type": "module" }\n');
    for (const dir of [join(project, "src", "generated", "runtime"), join(project, "dist", "src", "generated", "runtime")]) {
      await mkdir(dir, { recursive: true });
      await copyFile(join(toolkitRoot(), "runtime", "shared", "src", "generated", "runtime", "projectRoot.ts"), join(dir, "projectRoot.ts"));
      const copy = (await import(join(dir, "projectRoot.ts"))) as { projectRoot: () => string };
      expect(copy.projectRoot(), dir).toBe(project);
    }
  });
});
