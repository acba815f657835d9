import { mkdtempSync, writeFileSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runDerive, type DeriveArgs } from "../../src/cli/commands/derive.js";
import { runGenerate } from "../../src/cli/commands/generate.js";
import { buildIr } from "../../src/pipeline/buildIr.js";
import { runCli } from "./runCli.js";

const bookstore = resolve("fixtures/bookstore/schema.prisma");
const golden = resolve("test/golden/derive/bookstore.openapi.yaml");
const args = (more: Partial<DeriveArgs> = {}): DeriveArgs => ({ what: "openapi", prisma: bookstore, force: false, views: false, verbose: false, ...more });

function captureIo() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

describe("vx-gen derive openapi", () => {
  it("prints the derived document on stdout, the summary and warnings on stderr", async () => {
    const { out, io } = captureIo();
    expect(await runDerive({ args: args(), io })).toBe(0);
    expect(out.stdout).toBe(await readFile(golden, "utf8"));
    expect(out.stderr).toContain("warning VX601 Member.passwordHash is named like a secret");
    expect(out.stderr).toContain(`derived 25 operations over 4 models from ${bookstore}`);
  });

  it("writes --out, refuses to replace an existing file (exit 2) unless --force", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vx-derive-cli-"));
    const file = join(dir, "api.yaml");
    const first = captureIo();
    expect(await runDerive({ args: args({ out: file }), io: first.io })).toBe(0);
    expect(first.out.stdout).toBe("");
    expect(await readFile(file, "utf8")).toBe(await readFile(golden, "utf8"));

    await writeFile(file, "mine\n");
    const second = captureIo();
    expect(await runDerive({ args: args({ out: file }), io: second.io })).toBe(2);
    expect(second.out.stderr).toContain("already exists");
    expect(await readFile(file, "utf8")).toBe("mine\n");

    expect(await runDerive({ args: args({ out: file, force: true }), io: captureIo().io })).toBe(0);
    expect(await readFile(file, "utf8")).toBe(await readFile(golden, "utf8"));
  });

  it("exits 2 for a Prisma schema that cannot be read, 1 for one with errors", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vx-derive-cli-"));
    expect(await runDerive({ args: args({ prisma: join(dir, "missing.prisma") }), io: captureIo().io })).toBe(2);
    const broken = join(dir, "broken.prisma");
    await writeFile(broken, 'datasource db {\n  provider = "sqlite"\n}\nmodel A {\n  id Int @id\n  b Nope\n}\n');
    const { out, io } = captureIo();
    expect(await runDerive({ args: args({ prisma: broken }), io })).toBe(1);
    expect(out.stderr).toContain("VX200");
    expect(out.stdout).toBe("");
  });

  it("is listed in --help and runs from the real binary", () => {
    const help = runCli({ args: ["--help"] });
    expect(help.stdout).toContain("vx-gen derive <what>");
    const run = runCli({ args: ["derive", "openapi", "--prisma", bookstore] });
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('openapi: "3.1.0"\n')).toBe(true);
    expect(runCli({ args: ["derive", "prisma", "--prisma", bookstore] }).code).toBe(2);
  });
});

describe("derive settings (the config's derive key, derive openapi's flags)", () => {
  const decimalSchema = "model Price {\n  id Int @id @default(autoincrement())\n  amount Decimal\n}\n";
  it("derive openapi --decimal number gives a Decimal as a JSON number; the default is a string", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vx-derive-decimal-"));
    const prisma = join(dir, "schema.prisma");
    await writeFile(prisma, `datasource db {\n  provider = "sqlite"\n}\n\n${decimalSchema}`);
    const numbers = captureIo();
    expect(await runDerive({ args: args({ prisma, decimal: "number" }), io: numbers.io })).toBe(0);
    expect(numbers.out.stdout).toMatch(/amount:\n\s+type: number\n/);
    const strings = captureIo();
    expect(await runDerive({ args: args({ prisma }), io: strings.io })).toBe(0);
    expect(strings.out.stdout).toMatch(/amount:\n\s+type: string\n\s+pattern:/);
  });

  it("generate reads derive.decimal from the config into the derived document", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vx-derive-config-"));
    await writeFile(join(dir, "schema.prisma"), `datasource db {\n  provider = "sqlite"\n}\n\n${decimalSchema}`);
    await writeFile(join(dir, "vx.config.json"), JSON.stringify({ prisma: "schema.prisma", out: "server", derive: { decimal: "number" } }));
    const io = captureIo();
    expect(await runGenerate({ args: { config: join(dir, "vx.config.json"), target: "fastify", verbose: false, "dry-run": false }, io: io.io })).toBe(0);
    const derived = await readFile(join(dir, "server", "openapi.derived.yaml"), "utf8");
    expect(derived).toMatch(/amount:\n\s+type: number\n/);
    // The generated mapper answers the Decimal as a number and stores the number the client sent.
    const mapper = await readFile(join(dir, "server", "src/generated/mappers/price.mapper.ts"), "utf8");
    expect(mapper).toContain("amount: row.amount.toNumber()");
    expect(mapper).toContain("{ amount: body.amount }");
  }, 120_000);
});

describe("validate and inspect with only --prisma", () => {
  const compound = resolve("fixtures/derive-compound/schema.prisma");
  it("validate checks the API derived in memory (as generate does): its operations, their bindings, its diagnostics", () => {
    const run = runCli({ args: ["validate", "--prisma", compound] });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("derived from the Prisma schema: 26 operations");
    expect(run.stderr).toContain("26 of them bound to models");
    // A problem of the derived API is reported: a secret column (VX601, a warning).
    const dir = mkdtempSync(join(tmpdir(), "vx-derive-validate-"));
    const prisma = join(dir, "schema.prisma");
    writeFileSync(prisma, 'datasource db {\n  provider = "sqlite"\n}\n\nmodel Account {\n  id Int @id\n  apiKey String\n}\n');
    const warned = runCli({ args: ["validate", "--prisma", prisma, "--format", "json"] });
    expect(warned.code).toBe(0);
    expect(warned.stdout).toContain("VX601");
  });

  it("inspect shows the derived operations bound to their models, compound keys included; a given --openapi is read as ever", () => {
    const run = runCli({ args: ["inspect", "--prisma", compound, "--compact"] });
    expect(run.code).toBe(0);
    const ir = JSON.parse(run.stdout) as { api: { file: string } | null; operations: { operationId: string; binding: { kind: string; compoundKey?: unknown } }[]; bindings: { binding: string }[] };
    expect(ir.api?.file).toBe("openapi.derived.yaml");
    expect(ir.bindings.map((b) => b.binding)).not.toContain("unbound");
    expect(ir.operations.find((op) => op.operationId === "getMembership")?.binding.compoundKey).toEqual([{ parameter: "userId", field: "userId" }, { parameter: "groupId", field: "groupId" }]);
    const given = runCli({ args: ["inspect", "--openapi", "fixtures/bookstore/openapi.yaml", "--prisma", bookstore, "--compact"] });
    expect((JSON.parse(given.stdout) as { api: { file: string } }).api.file).toBe("fixtures/bookstore/openapi.yaml");
  });
});

describe("vx-gen generate with only --prisma", () => {
  it("derives the API, says so, writes routes and openapi.derived.yaml, and keeps an edited openapi.derived.yaml", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vx-derive-gen-"));
    const out = join(dir, "server");
    const first = captureIo();
    expect(await runGenerate({ args: { prisma: bookstore, out, target: "fastify", verbose: false, "dry-run": false }, io: first.io })).toBe(0);
    expect(first.out.stderr).toContain(`no OpenAPI document given: derived 25 operations over 4 models from fixtures/bookstore/schema.prisma, in ${join(out, "openapi.derived.yaml")}`);
    const derived = await readFile(join(out, "openapi.derived.yaml"), "utf8");
    expect(derived).toBe(await readFile(golden, "utf8"));
    expect(await readFile(join(out, "src/generated/fastify/routes/books.ts"), "utf8")).toContain('"listBooks"');
    const served = JSON.parse(await readFile(join(out, "src/generated/openapi.json"), "utf8")) as { paths: Record<string, unknown> };
    expect(Object.keys(served.paths)).toContain("/books/{bookId}");

    // The file is the user's: passing it as --openapi gives the same operations, all bound.
    const { ir } = await buildIr({ openapi: join(out, "openapi.derived.yaml"), prisma: bookstore });
    expect(ir.api?.operations.filter((op) => op.binding.kind === "bound" && op.binding.action !== "custom").length).toBe(25);

    // Edited, it is kept (and said, with --verbose), while the routes keep following the Prisma schema.
    await writeFile(join(out, "openapi.derived.yaml"), `${derived}# my note\n`);
    const second = captureIo();
    expect(await runGenerate({ args: { prisma: bookstore, out, target: "fastify", verbose: true, "dry-run": false }, io: second.io })).toBe(0);
    expect(second.out.stderr).toContain("info VX605");
    expect(second.out.stderr).toContain(`your ${join(out, "openapi.derived.yaml")} was kept`);
    expect(await readFile(join(out, "openapi.derived.yaml"), "utf8")).toBe(`${derived}# my note\n`);
  }, 120_000);
});
