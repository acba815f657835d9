import yargs, { type CommandModule } from "yargs";
import { hideBin } from "yargs/helpers";
import { createRequire } from "node:module";
import { validateCommand } from "./commands/validate.js";
import { inspectCommand } from "./commands/inspect.js";
import { generateCommand } from "./commands/generate.js";
import { checkCommand } from "./commands/check.js";
import { watchCommand } from "./commands/watch.js";
import { initCommand } from "./commands/init.js";
import { deriveCommand } from "./commands/derive.js";
import { UsageError } from "./UsageError.js";

/** Every command, one file each under src/cli/commands/. Keep `--help` examples in step with README.md. */
const commands: CommandModule[] = [
  validateCommand as CommandModule,
  inspectCommand as CommandModule,
  generateCommand as CommandModule,
  checkCommand as CommandModule,
  watchCommand as CommandModule,
  initCommand as CommandModule,
  deriveCommand as CommandModule,
];

const require = createRequire(import.meta.url);
const { version } = require("../../../package.json") as { version: string };

/** Exit codes: 0 ok, 1 the input has errors (or `check` found stale output), 2 usage error or unreadable file. */
export async function main(argv: string[] = hideBin(process.argv)): Promise<void> {
  const cli = yargs(argv)
    .scriptName("vx-gen")
    .usage("$0 <command> [options]\n\nGenerate a typed, validated, database-backed backend. Three ways in:\n  both sources        generate --openapi F --prisma P\n  Prisma schema only  generate --prisma P              (the API is derived: openapi.derived.yaml)\n  OpenAPI only        generate --openapi F --derive-db (the database is derived: schema.derived.prisma)")
    .command(commands)
    .demandCommand(1, "Name a command; see the list above.")
    .strict()
    .version(version)
    .alias("h", "help")
    .wrap(Math.min(120, process.stdout.columns || 100))
    .epilogue("Exit codes: 0 ok, 1 input has errors or output is stale, 2 usage error or unreadable file.\nDocs: README.md")
    .fail((message, error) => {
      if (error && !(error instanceof UsageError)) throw error;
      process.stderr.write(`vx-gen: ${message}\nRun 'vx-gen --help' for usage.\n`);
      process.exit(2);
    });
  await cli.parseAsync();
}
