import { execFile } from "node:child_process";
import { chmod, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { createInterface } from "node:readline/promises";
import { promisify } from "node:util";
import type { CommandModule } from "yargs";
import { findConfigFile } from "../../config/findConfigFile.js";
import { processIo, type CommandIo } from "./generate.js";
import { targetNames } from "../../targets/targetRegistry.js";

export type HookKind = "husky" | "lefthook" | "git";

export interface InitArgs {
  openapi?: string;
  prisma?: string;
  out?: string;
  target?: string;
  format: "ts" | "json";
  hook?: HookKind;
  yes: boolean;
  force: boolean;
}

/** The command hooks run: `check` exits 1 when the generated code is stale. `--no-install`: never download in a hook. */
export const HOOK_COMMAND = "npx --no-install vx-gen check";

const skipDirs = new Set(["node_modules", ".git", "dist", "build", "coverage", ".vx-tmp"]);

async function listFiles({ dir, depth }: { dir: string; depth: number }): Promise<string[]> {
  const found: string[] = [];
  const walk = async (current: string, level: number) => {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) {
        if (level < depth && !skipDirs.has(entry.name) && !entry.name.startsWith(".")) await walk(full, level + 1);
      } else if (entry.isFile()) found.push(full);
    }
  };
  await walk(dir, 0);
  return found;
}

const byDepthThenName = (a: string, b: string) => a.split(sep).length - b.split(sep).length || (a < b ? -1 : a > b ? 1 : 0);

/** The OpenAPI document of a project: a YAML/JSON file (up to 2 folders deep) starting like `openapi:` or `swagger:`. */
export async function findSpec({ cwd }: { cwd: string }): Promise<string | undefined> {
  const candidates = (await listFiles({ dir: cwd, depth: 2 })).filter((f) => /\.(ya?ml|json)$/i.test(f) && !/(^|[/\\])(package(-lock)?|tsconfig.*|vx\.config)\.json$/.test(f));
  const specs: string[] = [];
  for (const file of candidates) {
    const head = await readFile(file, "utf8").then(
      (t) => t.slice(0, 4096),
      () => "",
    );
    if (/^\s*\{?\s*"?(openapi|swagger)"?\s*:/m.test(head)) specs.push(relative(cwd, file));
  }
  return specs.sort(byDepthThenName)[0];
}

/** The Prisma schema: `prisma/` when it holds several `.prisma` files, else the first file with a datasource block. */
export async function findPrisma({ cwd }: { cwd: string }): Promise<string | undefined> {
  const files = (await listFiles({ dir: cwd, depth: 2 })).filter((f) => f.endsWith(".prisma")).map((f) => relative(cwd, f));
  const byFolder = new Map<string, number>();
  for (const f of files) byFolder.set(dirname(f), (byFolder.get(dirname(f)) ?? 0) + 1);
  for (const file of files.sort(byDepthThenName)) {
    const text = await readFile(join(cwd, file), "utf8").catch(() => "");
    if (/^\s*datasource\s+\w+\s*\{/m.test(text)) return (byFolder.get(dirname(file)) ?? 0) > 1 ? dirname(file) : file;
  }
  return undefined;
}

/** A config with every setting explained, ready to edit; `satisfies VxConfig` gives completion and type checks. */
export function renderConfig({ openapi, prisma, out, target, format }: { openapi: string; prisma?: string; out: string; target: string; format: "ts" | "json" }): string {
  if (format === "json") {
    const config: Record<string, string> = { $schema: "./node_modules/vx-gen/schemas/vx.config.schema.json", openapi };
    if (prisma) config["prisma"] = prisma;
    Object.assign(config, { target, out });
    return `${JSON.stringify(config, null, 2)}\n`;
  }
  const q = (s: string) => JSON.stringify(s);
  return [
    "// vx-gen configuration. `vx-gen generate` writes the backend, `vx-gen watch` keeps it current while you edit,",
    "// `vx-gen check` (pre-commit hook, CI) fails when the committed output is stale. Flags override these settings.",
    'import type { VxConfig } from "vx-gen";',
    "",
    "export default {",
    "  // OpenAPI/Swagger root document (YAML or JSON); the files it $refs are read (and watched) too.",
    `  openapi: ${q(openapi)},`,
    "  // Prisma schema file, or a folder of .prisma files.",
    `  ${prisma ? "" : "// "}prisma: ${q(prisma ?? "prisma/schema.prisma")},`,
    "  // Target plugin.",
    `  target: ${q(target)},`,
    "  // Output folder. Generated files are rewritten on every run; scaffold files (handlers, services, test stubs,",
    "  // server.ts) are written once and then belong to you. Commit it together with its .vx-manifest.json.",
    `  out: ${q(out)},`,
    "  // Options for the target. readOnlyInRequests: a readOnly property sent by a client is a 400 (\"reject\",",
    "  // the default) or is accepted and dropped before your handler (\"ignore\"). auth.roleHierarchy: a role implies",
    "  // the roles it lists (an admin passes `x-vx-roles: [staff]`); auth.ipAllow: the client addresses and CIDR ranges",
    "  // allowed to call operations without `x-vx-ip-allow` of their own (absent: every address).",
    '  // options: { basePath: "/v1", readOnlyInRequests: "ignore" },',
    '  // options: { auth: { roleHierarchy: { admin: ["staff"], staff: ["member"] }, ipAllow: ["10.0.0.0/8", "::1"] } },',
    "  // Several jobs (two APIs, or one spec to two targets): the settings above are defaults, each job's own win;",
    "  // run one with `vx-gen generate --job admin`.",
    "  // jobs: [",
    '  //   { name: "public", openapi: "public.yaml", out: "server/public" },',
    '  //   { name: "admin", openapi: "admin.yaml", out: "server/admin" },',
    "  // ],",
    "} satisfies VxConfig;",
    "",
  ].join("\n");
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Adds `vx-gen check` to the project's pre-commit hook; never removes or reorders anything already there. */
export async function installHook({ kind, cwd }: { kind: HookKind; cwd: string }): Promise<{ file: string; action: "created" | "updated" | "unchanged" | "manual"; note?: string }> {
  if (kind === "lefthook") {
    const file = join(cwd, "lefthook.yml");
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text !== undefined && text.includes("vx-gen check")) return { file, action: "unchanged" };
    const { parseDocument } = await import("yaml");
    const document = parseDocument(text ?? "");
    if (document.errors.length > 0) return { file, action: "manual", note: `lefthook.yml does not parse; add a pre-commit command running \`${HOOK_COMMAND}\`` };
    document.setIn(["pre-commit", "commands", "vx-gen-check"], { run: HOOK_COMMAND });
    await writeFile(file, String(document));
    return { file, action: text === undefined ? "created" : "updated", note: "run `npx lefthook install` once if you have not" };
  }
  let file: string;
  let content: string;
  if (kind === "husky") {
    file = join(cwd, ".husky", "pre-commit");
    content = `${HOOK_COMMAND}\n`;
  } else {
    const hooks = await promisify(execFile)("git", ["rev-parse", "--git-path", "hooks"], { cwd }).then(
      (r) => r.stdout.trim(),
      () => undefined,
    );
    if (!hooks) return { file: ".git/hooks/pre-commit", action: "manual", note: "not a git repository" };
    file = join(cwd, hooks, "pre-commit");
    content = `#!/bin/sh\n# Added by vx-gen init: fail the commit when the generated code is stale.\n${HOOK_COMMAND}\n`;
  }
  const existing = await readFile(file, "utf8").catch(() => undefined);
  if (existing !== undefined) {
    if (existing.includes("vx-gen check")) return { file, action: "unchanged" };
    if (kind === "git") return { file, action: "manual", note: `a pre-commit hook exists; add this line to it: ${HOOK_COMMAND}` };
    await writeFile(file, `${existing}${existing.endsWith("\n") || existing === "" ? "" : "\n"}${HOOK_COMMAND}\n`);
    return { file, action: "updated" };
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, content);
  await chmod(file, 0o755);
  return { file, action: "created", ...(kind === "husky" && !(await exists(join(cwd, ".husky", "_"))) ? { note: "run `npx husky init` once if husky is not set up" } : {}) };
}

/**
 * `vx-gen init`: finds the OpenAPI document and Prisma schema, writes a commented `vx.config.ts` (or `.json`), and
 * optionally the pre-commit hook. On a terminal it asks to confirm each finding (unless `--yes`); otherwise (CI,
 * scripts, tests) it asks nothing and uses what it found and the defaults. Returns the exit code.
 */
export async function runInit({ args, cwd = process.cwd(), io = processIo, interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !args.yes }: { args: InitArgs; cwd?: string; io?: CommandIo; interactive?: boolean }): Promise<number> {
  const found = await findConfigFile({ dir: cwd });
  if (found && !args.force) {
    io.stderr(`vx-gen init: ${relative(cwd, found.file)} already configures vx-gen; edit it, or run with --force to write a new config\n`);
    return 2;
  }
  let openapi = args.openapi ?? (await findSpec({ cwd }));
  let prisma = args.prisma ?? (await findPrisma({ cwd }));
  let out = args.out ?? "server";
  let hook = args.hook;
  if (interactive) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      const ask = async (question: string, fallback: string | undefined) => (await rl.question(`${question}${fallback ? ` (${fallback})` : ""}: `)).trim() || fallback;
      openapi = await ask("OpenAPI document", openapi);
      prisma = await ask("Prisma schema (file or folder, empty for none)", prisma);
      out = (await ask("Output folder", out)) ?? out;
      if (!hook) {
        const answer = await ask("Pre-commit hook: husky, lefthook, git or none", "none");
        if (answer === "husky" || answer === "lefthook" || answer === "git") hook = answer;
      }
    } finally {
      rl.close();
    }
  }
  const target = args.target ?? "fastify";
  if (!openapi) io.stderr("vx-gen init: no OpenAPI document found; the config names openapi.yaml, edit it\n");
  const file = join(cwd, args.format === "json" ? "vx.config.json" : "vx.config.ts");
  await writeFile(file, renderConfig({ openapi: (openapi ?? "openapi.yaml").split(sep).join("/"), ...(prisma ? { prisma: prisma.split(sep).join("/") } : {}), out, target, format: args.format }));
  io.stdout(`wrote ${relative(cwd, file)} (openapi: ${openapi ?? "not found"}, prisma: ${prisma ?? "none"}, out: ${out})\n`);
  if (hook) {
    const installed = await installHook({ kind: hook, cwd });
    io.stdout(`${installed.action === "manual" ? "did not change" : installed.action} ${relative(cwd, installed.file)}${installed.note ? `: ${installed.note}` : ""}\n`);
  }
  io.stdout("next: `npx vx-gen generate`, then commit the output folder\n");
  return 0;
}

export const initCommand: CommandModule<object, InitArgs> = {
  command: "init",
  describe: "Write a commented vx.config.ts for the spec and Prisma schema found here, and optionally a pre-commit hook",
  builder: (y) =>
    y
      .option("openapi", { type: "string", describe: "OpenAPI document (default: the one found)", normalize: true })
      .option("prisma", { type: "string", describe: "Prisma schema file or folder (default: the one found)", normalize: true })
      .option("out", { type: "string", describe: "Output folder (default: server)", normalize: true })
      .option("target", { type: "string", describe: `Target plugin: ${targetNames().join(", ")} (default: fastify)` })
      .option("format", { choices: ["ts", "json"] as const, default: "ts" as const, describe: "vx.config.ts (commented) or vx.config.json" })
      .option("hook", { choices: ["husky", "lefthook", "git"] as const, describe: "Also run `vx-gen check` before each commit" })
      .option("yes", { type: "boolean", default: false, describe: "Ask nothing, even on a terminal" })
      .option("force", { type: "boolean", default: false, describe: "Replace an existing config" })
      .example("$0 init", "detect the spec and schema, write vx.config.ts")
      .example("$0 init --hook husky --yes", "also add `vx-gen check` to .husky/pre-commit"),
  handler: async (argv) => {
    process.exitCode = await runInit({ args: argv });
  },
};
