import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runDerive, type DeriveArgs } from "../../src/cli/commands/derive.js";
import { runGenerate } from "../../src/cli/commands/generate.js";
import { buildIr } from "../../src/pipeline/buildIr.js";
import { runCli } from "./runCli.js";

const bookstore = resolve("fixtures/bookstore/openapi.yaml");
const golden = resolve("test/golden/derive/bookstore.schema.prisma");
const args = (more: Partial<DeriveArgs> = {}): DeriveArgs => ({ what: "prisma", openapi: bookstore, force: false, views: false, verbose: false, ...more });

function captureIo() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

describe("vx-gen derive prisma", () => {
  it("prints the derived schema on stdout and the summary on stderr", async () => {
    const { out, io } = captureIo();
    expect(await runDerive({ args: args(), io })).toBe(0);
    expect(out.stdout).toBe(await readFile(golden, "utf8"));
    expect(out.stderr).toBe(`derived 4 models, 2 enums and 2 relations (sqlite) from ${bookstore}\n`);
  });

  it("writes --out (creating its folder), refuses to replace an existing file (exit 2) unless --force", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vx-derive-prisma-cli-"));
    const file = join(dir, "prisma", "schema.prisma");
    expect(await runDerive({ args: args({ out: file }), io: captureIo().io })).toBe(0);
    expect(await readFile(file, "utf8")).toBe(await readFile(golden, "utf8"));

    await writeFile(file, "mine\n");
    const second = captureIo();
    expect(await runDerive({ args: args({ out: file }), io: second.io })).toBe(2);
    expect(second.out.stderr).toContain(`${file} already exists`);
    expect(await readFile(file, "utf8")).toBe("mine\n");

    expect(await runDerive({ args: args({ out: file, force: true, provider: "postgresql" }), io: captureIo().io })).toBe(0);
    const written = await readFile(file, "utf8");
    expect(written).toContain('provider = "postgresql"');
    expect(written).toContain("name  String @unique @db.VarChar(40)");
  });

  it("reports an unreadable or broken document with file and place, no stack trace, non-zero exit", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vx-derive-prisma-cli-"));
    const missing = captureIo();
    expect(await runDerive({ args: args({ openapi: join(dir, "missing.yaml") }), io: missing.io })).toBe(2);
    expect(missing.out.stderr).toContain(`${join(dir, "missing.yaml")} error VX001`);
    const broken = join(dir, "broken.yaml");
    await writeFile(broken, "openapi: 3.1.0\ninfo: { title: x, version: '1' }\npaths:\n  /a:\n    get: [\n");
    const { out, io } = captureIo();
    expect(await runDerive({ args: args({ openapi: broken }), io })).toBeGreaterThan(0);
    expect(out.stderr).toMatch(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:\\d+:\\d+ error`));
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect(out.stdout).toBe("");
  });

  it("is in --help and runs from the real binary; --openapi is required, --provider checked", () => {
    const help = runCli({ args: ["derive", "--help"] });
    expect(help.stdout).toContain("derive prisma");
    expect(help.stdout).toContain("--provider");
    const run = runCli({ args: ["derive", "prisma", "--openapi", bookstore, "--provider", "mysql"] });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('provider = "mysql"');
    expect(run.stdout).toContain("title       String     @db.VarChar(200)");
    expect(runCli({ args: ["derive", "prisma"] }).code).toBe(2);
    expect(runCli({ args: ["derive", "prisma", "--openapi", bookstore, "--provider", "oracle"] }).code).not.toBe(0);
    expect(runCli({ args: ["generate", "--help"] }).stdout).toContain("--derive-db");
    expect(runCli({ args: ["--help"] }).stdout).toContain("OpenAPI only        generate --openapi F --derive-db");
  });
});

describe("vx-gen generate --openapi --derive-db", () => {
  it("derives the database, says so on stdout, writes schema.derived.prisma, keeps an edited one (VX623)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vx-derive-db-gen-"));
    const out = join(dir, "server");
    const first = captureIo();
    expect(await runGenerate({ args: { openapi: bookstore, "derive-db": true, out, target: "fastify", verbose: false, "dry-run": false }, io: first.io })).toBe(0);
    expect(first.out.stdout).toContain(`no Prisma schema given: derived 4 models, 2 enums and 2 relations (sqlite) from fixtures/bookstore/openapi.yaml, in ${join(out, "schema.derived.prisma")}`);
    const derived = await readFile(join(out, "schema.derived.prisma"), "utf8");
    expect(derived).toBe(await readFile(golden, "utf8"));
    // The project's schema carries the derived models; its repositories are generated (CRUD handlers, not 501s).
    expect(await readFile(join(out, "prisma/schema.prisma"), "utf8")).toContain("model Book {");
    expect(await readFile(join(out, "src/generated/repositories/book.repository.ts"), "utf8")).toContain("book");

    // The file is the user's: passing it as --prisma binds the same operations.
    const { ir } = await buildIr({ openapi: bookstore, prisma: join(out, "schema.derived.prisma") });
    expect(ir.api?.operations.filter((op) => op.binding.kind === "bound" && op.binding.action !== "custom").length).toBe(19);

    await writeFile(join(out, "schema.derived.prisma"), `${derived}// my note\n`);
    const second = captureIo();
    expect(await runGenerate({ args: { openapi: bookstore, "derive-db": true, out, target: "fastify", verbose: true, "dry-run": false }, io: second.io })).toBe(0);
    expect(second.out.stderr).toContain("info VX623");
    expect(second.out.stdout).toContain(`your ${join(out, "schema.derived.prisma")} was kept`);
    expect(await readFile(join(out, "schema.derived.prisma"), "utf8")).toBe(`${derived}// my note\n`);
  }, 180_000);

  it("refuses --derive-db beside --prisma (a usage error, exit 2)", async () => {
    const { out, io } = captureIo();
    expect(await runGenerate({ args: { openapi: bookstore, prisma: "fixtures/bookstore/schema.prisma", "derive-db": true, out: join(tmpdir(), "vx-never"), verbose: false, "dry-run": false }, io })).toBe(2);
    expect(out.stderr).toContain("VX024");
  });
});
