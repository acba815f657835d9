import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { HOOK_COMMAND, runInit, type InitArgs } from "../../src/cli/commands/init.js";
import { loadJobs } from "../../src/config/loadJobs.js";

const defaults: InitArgs = { format: "ts", yes: false, force: false };

function captureIo() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

async function projectDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "vx-init-"));
  await mkdir(join(dir, "api"));
  await mkdir(join(dir, "prisma"));
  await mkdir(join(dir, "node_modules/some-package"), { recursive: true });
  await writeFile(join(dir, "node_modules/some-package/openapi.yaml"), "openapi: 3.0.0\n");
  await writeFile(join(dir, "package.json"), '{ "name": "app" }\n');
  await writeFile(join(dir, "api/notes.yaml"), "title: not a spec\n");
  await writeFile(join(dir, "api/openapi.yaml"), "# Pets API\nopenapi: 3.1.0\ninfo: { title: x, version: '1' }\npaths: {}\n");
  await writeFile(join(dir, "prisma/schema.prisma"), 'datasource db {\n  provider = "sqlite"\n}\n');
  return dir;
}

describe("vx-gen init", () => {
  it("asks nothing off a terminal and writes a commented config that loads and validates", async () => {
    const dir = await projectDir();
    const { out, io } = captureIo();
    expect(await runInit({ args: defaults, cwd: dir, io, interactive: false })).toBe(0);
    const text = await readFile(join(dir, "vx.config.ts"), "utf8");
    expect(text).toContain('openapi: "api/openapi.yaml",');
    expect(text).toContain('prisma: "prisma/schema.prisma",');
    expect(text).toMatch(/^\s*\/\/ .*scaffold files/m);
    expect(out.stdout).toContain("wrote vx.config.ts");
    const loaded = await loadJobs({ config: join(dir, "vx.config.ts"), overrides: {}, cwd: dir });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.jobs.map((j) => [j.openapi?.endsWith("api/openapi.yaml"), j.prisma?.endsWith("prisma/schema.prisma"), j.target, j.out.endsWith("server")])).toEqual([[true, true, "fastify", true]]);
  });

  it("writes vx.config.json with $schema, and refuses to replace an existing config without --force", async () => {
    const dir = await projectDir();
    expect(await runInit({ args: { ...defaults, format: "json", out: "gen" }, cwd: dir, io: captureIo().io, interactive: false })).toBe(0);
    const config = JSON.parse(await readFile(join(dir, "vx.config.json"), "utf8")) as Record<string, string>;
    expect(config).toEqual({ $schema: "./node_modules/vx-gen/schemas/vx.config.schema.json", openapi: "api/openapi.yaml", prisma: "prisma/schema.prisma", target: "fastify", out: "gen" });
    expect((await loadJobs({ config: join(dir, "vx.config.json"), overrides: {}, cwd: dir })).diagnostics).toEqual([]);
    const again = captureIo();
    expect(await runInit({ args: defaults, cwd: dir, io: again.io, interactive: false })).toBe(2);
    expect(again.out.stderr).toContain("already configures vx-gen");
    expect(await runInit({ args: { ...defaults, force: true }, cwd: dir, io: captureIo().io, interactive: false })).toBe(0);
  });

  it("adds the husky hook once, keeping what the hook already runs", async () => {
    const dir = await projectDir();
    await mkdir(join(dir, ".husky"));
    await writeFile(join(dir, ".husky/pre-commit"), "npm test");
    expect(await runInit({ args: { ...defaults, hook: "husky" }, cwd: dir, io: captureIo().io, interactive: false })).toBe(0);
    expect(await readFile(join(dir, ".husky/pre-commit"), "utf8")).toBe(`npm test\n${HOOK_COMMAND}\n`);
    expect(await runInit({ args: { ...defaults, hook: "husky", force: true }, cwd: dir, io: captureIo().io, interactive: false })).toBe(0);
    expect(await readFile(join(dir, ".husky/pre-commit"), "utf8")).toBe(`npm test\n${HOOK_COMMAND}\n`);
  });

  it("adds a lefthook command, keeping the file's other commands and comments", async () => {
    const dir = await projectDir();
    await writeFile(join(dir, "lefthook.yml"), "# team hooks\npre-commit:\n  commands:\n    lint:\n      run: npm run lint\n");
    await runInit({ args: { ...defaults, hook: "lefthook" }, cwd: dir, io: captureIo().io, interactive: false });
    expect(await readFile(join(dir, "lefthook.yml"), "utf8")).toBe(
      `# team hooks\npre-commit:\n  commands:\n    lint:\n      run: npm run lint\n    vx-gen-check:\n      run: ${HOOK_COMMAND}\n`,
    );
  });

  it("creates an executable git pre-commit hook, and leaves an existing one to the user", async () => {
    const dir = await projectDir();
    await promisify(execFile)("git", ["init", "-q"], { cwd: dir });
    const { out, io } = captureIo();
    await runInit({ args: { ...defaults, hook: "git" }, cwd: dir, io, interactive: false });
    const hook = join(dir, ".git/hooks/pre-commit");
    expect(await readFile(hook, "utf8")).toContain(HOOK_COMMAND);
    expect((await stat(hook)).mode & 0o111).not.toBe(0);
    expect(out.stdout).toContain("created .git/hooks/pre-commit");
    await writeFile(hook, "#!/bin/sh\nmake lint\n");
    const second = captureIo();
    await runInit({ args: { ...defaults, hook: "git", force: true }, cwd: dir, io: second.io, interactive: false });
    expect(await readFile(hook, "utf8")).toBe("#!/bin/sh\nmake lint\n");
    expect(second.out.stdout).toContain(`add this line to it: ${HOOK_COMMAND}`);
  });
});
