import type { CommandModule } from "yargs";
import { buildIr } from "../../pipeline/buildIr.js";
import { summarizeDiagnostics } from "../../diagnostics/formatDiagnostics.js";
import { inputOptions, type InputArgs } from "../inputOptions.js";
import { requireSomeInput } from "../UsageError.js";
import { derivedApiInput } from "../derivedApiInput.js";
import { reportDiagnostics, type OutputFormat } from "../reportDiagnostics.js";

interface ValidateArgs extends InputArgs {
  format: OutputFormat;
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: "validate",
  describe: "Check an OpenAPI document and a Prisma schema, and the drift between them (a Prisma schema alone: the API derived from it, as generate does)",
  builder: (y) =>
    y
      .options(inputOptions)
      .option("format", { choices: ["text", "json"] as const, default: "text" as const, describe: "Diagnostics as compiler-style text or JSON" })
      .check(requireSomeInput)
      .example("$0 validate --openapi api.yaml --prisma prisma/schema.prisma", "report errors and API/database drift")
      .example("$0 validate --openapi api.yaml --format json", "diagnostics as JSON, for tools")
      .example("$0 validate --prisma prisma/schema.prisma", "check the schema and the API derived from it (in memory)"),
  handler: async (argv) => {
    const { ir, derived } = await buildIr({
      ...(argv.openapi !== undefined ? { openapi: argv.openapi } : {}),
      ...(argv.prisma !== undefined ? { prisma: argv.prisma } : {}),
      ...derivedApiInput({ openapi: argv.openapi, prisma: argv.prisma }),
      allowRemoteRefs: argv["allow-remote-refs"],
      strict: argv.strict,
    });
    const code = reportDiagnostics({ diagnostics: ir.diagnostics, format: argv.format, verbose: argv.verbose });
    if (argv.format === "text") {
      const parts: string[] = [];
      const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
      if (ir.api) parts.push(`${derived ? "derived from the Prisma schema" : ir.api.file}: ${count(ir.api.operations.length, "operation")}, ${count(ir.api.schemas.length, "schema")}`);
      if (ir.db) parts.push(`${ir.db.file}: ${count(ir.db.models.length, "model")}, ${count(ir.db.enums.length, "enum")}`);
      if (ir.api && ir.db) parts.push(`${ir.api.operations.filter((op) => op.binding.kind === "bound").length} of them bound to models`);
      process.stderr.write(`${[...parts, summarizeDiagnostics(ir.diagnostics)].join("; ")}\n`);
    }
    process.exitCode = code;
  },
};
