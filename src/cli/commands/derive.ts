import { access, writeFile } from "node:fs/promises";
import type { CommandModule } from "yargs";
import type { Diagnostic } from "../../ir/types.js";
import { sortDiagnostics } from "../../diagnostics/createDiagnostic.js";
import { readDerivedOpenApi } from "../../derive/readDerivedOpenApi.js";
import { readPrisma } from "../../parsers/prisma/readPrisma.js";
import { derivedProviders, type DerivedProvider } from "../../derive/PrismaSchemaPlan.js";
import type { DecimalStyle, DeriveOptions, PaginationStyle } from "../../derive/DeriveOptions.js";
import { runDerivePrisma } from "./runDerivePrisma.js";
import { exitCodeFor } from "../reportDiagnostics.js";
import { printDiagnostics, processIo, type CommandIo } from "./generate.js";

export interface DeriveArgs {
  what: "openapi" | "prisma";
  /** The Prisma schema (`derive openapi`). */
  prisma?: string;
  /** The OpenAPI document (`derive prisma`). */
  openapi?: string;
  /** The database of the derived schema (`derive prisma`; SQLite by default). */
  provider?: DerivedProvider;
  out?: string;
  force: boolean;
  views: boolean;
  /** `derive openapi`: a Decimal column as a string (default) or a JSON number (the config's `derive.decimal`). */
  decimal?: DecimalStyle;
  /** `derive openapi`: only these models (the config's `derive.include`). */
  include?: string[];
  /** `derive openapi`: not these models (the config's `derive.exclude`). */
  exclude?: string[];
  /** `derive openapi`: the server URL, `/api/v1` (the config's `derive.basePath`). */
  "base-path"?: string;
  /** `derive openapi`: how lists page (the config's `derive.pagination`). */
  pagination?: PaginationStyle;
  verbose: boolean;
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * `vx-gen derive openapi --prisma P [--out F]`: the OpenAPI 3.1 document of a Prisma schema (`derive prisma --openapi F`:
 * the other way, `runDerivePrisma`), read back with the
 * project's own reader (its problems are reported like a spec's), printed to stdout or written to `--out`, which is
 * never replaced without `--force` (exit 2, as `init` does with an existing config). Returns the exit code.
 */
export async function runDerive({ args, io = processIo }: { args: DeriveArgs; io?: CommandIo }): Promise<number> {
  if (args.out !== undefined && !args.force && (await exists(args.out))) {
    io.stderr(`vx-gen derive: ${args.out} already exists; vx-gen does not replace a file of yours. Choose another --out, or run with --force to replace it\n`);
    return 2;
  }
  const source = args.what === "prisma" ? args.openapi : args.prisma;
  if (source === undefined) {
    io.stderr(`vx-gen derive ${args.what}: give ${args.what === "prisma" ? "--openapi, the document to derive the database from" : "--prisma, the schema to derive the API from"}\n`);
    return 2;
  }
  if (args.what === "prisma") return runDerivePrisma({ args: { openapi: source, provider: args.provider ?? "sqlite", verbose: args.verbose, ...(args.out !== undefined ? { out: args.out } : {}) }, io });
  const prisma = await readPrisma({ path: source });
  const diagnostics: Diagnostic[] = [...prisma.diagnostics];
  if (!prisma.db || exitCodeFor(diagnostics) !== 0) {
    printDiagnostics({ io, diagnostics: sortDiagnostics(diagnostics), verbose: args.verbose });
    return Math.max(1, exitCodeFor(diagnostics));
  }
  const file = args.out ?? "openapi.derived.yaml";
  if (args["base-path"] !== undefined && !args["base-path"].startsWith("/")) {
    io.stderr(`vx-gen derive openapi: --base-path must start with "/" (got ${JSON.stringify(args["base-path"])})\n`);
    return 2;
  }
  const options: DeriveOptions = {
    ...(args.decimal !== undefined ? { decimal: args.decimal } : {}),
    ...(args.include !== undefined ? { include: args.include } : {}),
    ...(args.exclude !== undefined ? { exclude: args.exclude } : {}),
    ...(args["base-path"] !== undefined ? { basePath: args["base-path"] } : {}),
    ...(args.pagination !== undefined ? { pagination: args.pagination } : {}),
  };
  const derived = await readDerivedOpenApi({ db: prisma.db, file, allowRemoteRefs: false, locateInfo: args.verbose, views: args.views, options });
  diagnostics.push(...derived.diagnostics, ...derived.read.diagnostics);
  printDiagnostics({ io, diagnostics: sortDiagnostics(diagnostics), verbose: args.verbose });
  const code = exitCodeFor(diagnostics);
  if (code !== 0) return code;
  if (args.out === undefined) io.stdout(derived.derived.text);
  else await writeFile(args.out, derived.derived.text);
  io.stderr(`derived ${derived.derived.operations} operations over ${derived.derived.models} models from ${source}${args.out !== undefined ? ` into ${args.out}` : ""}\n`);
  return 0;
}

export const deriveCommand: CommandModule<object, DeriveArgs> = {
  command: "derive <what>",
  describe: "Derive the missing source: `derive openapi` writes the OpenAPI 3.1 document of a Prisma schema (CRUD per model); `derive prisma` the Prisma schema of an OpenAPI document (a model per resource)",
  builder: (y) =>
    y
      .positional("what", { choices: ["openapi", "prisma"] as const, describe: "What to derive", demandOption: true })
      .option("prisma", { type: "string", describe: "derive openapi: the Prisma schema file, or a folder of .prisma files", normalize: true })
      .option("openapi", { type: "string", describe: "derive prisma: the OpenAPI/Swagger root document (YAML or JSON)", normalize: true })
      .option("provider", { choices: derivedProviders, default: "sqlite" as DerivedProvider, describe: "derive prisma: the database of the schema (native types such as @db.VarChar(n) where it has them)" })
      .option("out", { type: "string", describe: "Write the document or schema to this file (default: stdout)", normalize: true })
      .option("force", { type: "boolean", default: false, describe: "Replace --out when it exists" })
      .option("views", { type: "boolean", default: false, describe: "Also derive list and get for each Prisma view (no repository is generated for views: their handlers are yours to write)" })
      .option("decimal", { choices: ["string", "number"] as const, describe: "derive openapi: a Decimal column as a string of digits (the default: exact) or a JSON number (the config's derive.decimal)" })
      .option("include", { type: "string", array: true, describe: "derive openapi: only these models get operations (the config's derive.include)" })
      .option("exclude", { type: "string", array: true, describe: "derive openapi: these models get none, as though /// @vx.hidden (the config's derive.exclude)" })
      .option("base-path", { type: "string", describe: "derive openapi: the document's server URL, e.g. /api/v1: routes are mounted under it (the config's derive.basePath)" })
      .option("pagination", { choices: ["offset", "cursor"] as const, describe: "derive openapi: lists page by limit and offset (default) or by limit and cursor, the id of the last record seen (the config's derive.pagination)" })
      .option("verbose", { type: "boolean", default: false, describe: "Show info diagnostics" })
      .example("$0 derive openapi --prisma prisma/schema.prisma --out api.yaml", "write the API of the schema, to edit and pass as --openapi")
      .example("$0 derive openapi --prisma prisma/ | less", "print it")
      .example("$0 derive openapi --prisma prisma/schema.prisma --exclude AuditLog --base-path /api/v1 --pagination cursor", "leave a model out, mount under /api/v1, page by cursor")
      .example("$0 derive prisma --openapi api.yaml --out prisma/schema.prisma --provider postgresql", "write the database of an API, to edit and pass as --prisma"),
  handler: async (argv) => {
    process.exitCode = await runDerive({ args: argv });
  },
};
