import type { CommandModule } from "yargs";
import type { GenerateSteps } from "../../pipeline/generateProject.js";
import { generationOptions, jobsFromArgs, processIo, runJobs, type CommandIo, type GenerationArgs } from "./generate.js";

/** `vx-gen check`: exit 1 when any job's output folder differs from what `generate` would write, listing a short diff. */
interface CheckArgs extends GenerationArgs {
  full?: boolean;
}

export async function runCheck({ args, io = processIo, steps }: { args: CheckArgs; io?: CommandIo; steps?: GenerateSteps }): Promise<number> {
  const loaded = await jobsFromArgs({ args, io });
  if ("exitCode" in loaded) return loaded.exitCode;
  const { exitCode, results } = await runJobs({ jobs: loaded.jobs, mode: "check", io, verbose: args.verbose, full: args.full ?? false, ...(steps ? { steps } : {}) });
  if (results.some((r) => r.stale)) io.stderr("Generated code is stale: run `vx-gen generate` and commit the result.\n");
  return exitCode;
}

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: "check",
  describe: "Exit 1 if the generated output is not current (for pre-commit hooks and CI); writes nothing",
  builder: (y) =>
    y
      .options(generationOptions)
      .option("full", {
        type: "boolean",
        default: false,
        describe:
          "Always read and render; by default, when the inputs are byte for byte those of the last generate and the output is untouched, check answers from the manifest and the local cache (node_modules/.cache/vx-gen, or VX_GEN_CACHE_DIR), reading only output files whose size or timestamps changed",
      })
      .example("$0 check", "in a pre-commit hook or CI step")
      .example("$0 check --job public", "check one job of the config"),
  handler: async (argv) => {
    process.exitCode = await runCheck({ args: argv });
  },
};
