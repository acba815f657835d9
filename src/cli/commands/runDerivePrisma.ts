import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Diagnostic } from "../../ir/types.js";
import { sortDiagnostics } from "../../diagnostics/createDiagnostic.js";
import type { DerivedProvider } from "../../derive/PrismaSchemaPlan.js";
import { readDerivedPrisma } from "../../derive/readDerivedPrisma.js";
import { readOpenApi } from "../../parsers/openapi/readOpenApi.js";
import { exitCodeFor } from "../reportDiagnostics.js";
import { printDiagnostics, type CommandIo } from "./generate.js";

export interface DerivePrismaArgs {
  openapi: string;
  out?: string;
  provider: DerivedProvider;
  verbose: boolean;
}

/**
 * `vx-gen derive prisma --openapi F [--out P] [--provider sqlite|postgresql|mysql]`: the Prisma schema of an OpenAPI
 * document, checked by Prisma's own parser before it is printed or written (`--out`, its folder created). The caller
 * has refused to replace an existing `--out` without `--force`. Returns the exit code.
 */
export async function runDerivePrisma({ args, io }: { args: DerivePrismaArgs; io: CommandIo }): Promise<number> {
  const read = await readOpenApi({ file: args.openapi, allowRemoteRefs: false, locateInfo: true });
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  if (!read.api || exitCodeFor(diagnostics) !== 0) {
    printDiagnostics({ io, diagnostics: sortDiagnostics(diagnostics), verbose: args.verbose });
    return Math.max(1, exitCodeFor(diagnostics));
  }
  const file = args.out ?? "schema.derived.prisma";
  const derived = await readDerivedPrisma({ api: read.api, sources: read.sources, provider: args.provider, file, from: args.openapi });
  diagnostics.push(...derived.diagnostics, ...derived.read.diagnostics);
  printDiagnostics({ io, diagnostics: sortDiagnostics(diagnostics), verbose: args.verbose });
  const code = exitCodeFor(diagnostics);
  if (code !== 0) return code;
  if (args.out === undefined) io.stdout(derived.derived.text);
  else {
    await mkdir(dirname(args.out), { recursive: true });
    await writeFile(args.out, derived.derived.text);
  }
  const { models, enums, relations } = derived.derived;
  io.stderr(`derived ${models} models, ${enums} enums and ${relations} relations (${args.provider}) from ${args.openapi}${args.out !== undefined ? ` into ${args.out}` : ""}\n`);
  return 0;
}
