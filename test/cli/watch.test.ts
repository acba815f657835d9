import { mkdtemp, readFile, writeFile, access } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { watchProject, type WatchHandle, type WatchRun } from "../../src/cli/commands/watch.js";
import { loadJobs } from "../../src/config/loadJobs.js";
import type { GenerationJob } from "../../src/config/GenerationJob.js";
import { snapshotFolder } from "../writer/outputFolder.js";
import { fakeSteps } from "./generateFakeTarget.js";

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Polls until `check` holds; generous timeout because the machine may be loaded. */
async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const specYaml = (ops: string[]) =>
  [
    "openapi: 3.0.3",
    "info: { title: Pets, version: '1' }",
    "paths:",
    "  /pets:",
    ...ops.flatMap((op, i) => [
      `    ${["get", "post", "put", "delete"][i]}:`,
      `      operationId: ${op}`,
      "      responses:",
      "        '200':",
      "          description: ok",
      "          content:",
      "            application/json:",
      "              schema: { $ref: './schemas.yaml#/Pet' }",
    ]),
    "",
  ].join("\n");

let handle: WatchHandle | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

function recorder() {
  const runs: WatchRun[] = [];
  const printed = { stdout: "", stderr: "" };
  const io = { stdout: (t: string) => void (printed.stdout += t), stderr: (t: string) => void (printed.stderr += t) };
  return { runs, printed, io, onRun: (run: WatchRun) => void runs.push(run) };
}

describe("vx-gen watch", () => {
  it("regenerates when the spec or a file it $refs changes, and survives an invalid edit followed by a fix", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vx-watch-"));
    const spec = join(dir, "api.yaml");
    const schemas = join(dir, "schemas.yaml");
    const out = join(dir, "server");
    await writeFile(spec, specYaml(["listPets"]));
    await writeFile(schemas, "Pet:\n  type: object\n  properties:\n    name: { type: string }\n");
    const job: GenerationJob = { name: "default", openapi: spec, target: "fake", out, allowRemoteRefs: false, options: {} };
    const { runs, printed, io, onRun } = recorder();
    handle = await watchProject({ load: async () => ({ jobs: [job], diagnostics: [] }), io, steps: fakeSteps, onRun, debounceMs: 30 });
    await handle.ready;
    expect(await exists(join(out, "src/generated/operations/list-pets.ts"))).toBe(true);
    expect(runs[0]?.results[0]?.inputFiles.map((f) => f.split("/").pop())).toEqual(["api.yaml", "schemas.yaml"]);

    await writeFile(spec, specYaml(["listPets", "createPet"]));
    await waitFor("create-pet.ts", () => exists(join(out, "src/generated/operations/create-pet.ts")));
    expect(await readFile(join(out, "src/handlers.ts"), "utf8")).toContain("createPet");

    await writeFile(schemas, "Pet:\n  type: object\n  properties:\n    name: { type: string }\n    age: { type: integer }\n");
    await waitFor("the $ref'd schema change", async () => (await readFile(join(out, "src/generated/operations/list-pets.ts"), "utf8")).includes("age?: number"));

    const good = await snapshotFolder(out);
    const before = runs.length;
    await writeFile(spec, specYaml(["listPets", "createPet"]).replace("paths:", "paths: [unclosed"));
    await waitFor("a run reporting the error", () => runs.length > before && runs.at(-1)?.results[0]?.stopped === "input");
    expect(printed.stderr).toMatch(/api\.yaml:\d+:\d+ error VX100/);
    expect(printed.stdout).toMatch(/api\.yaml changed -> .*: 1 error, 0 warnings; last good output kept in \d+ ms/);
    expect(await snapshotFolder(out)).toEqual(good);

    await writeFile(spec, specYaml(["listPets", "createPet", "replacePets"]));
    await waitFor("the fix to regenerate", () => exists(join(out, "src/generated/operations/replace-pets.ts")));
    expect(printed.stdout).toMatch(/api\.yaml changed -> .*: 2 created, 1 user files extended/);
  });

  it("rereads the config when it changes and runs only the jobs whose inputs changed", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vx-watch-config-"));
    await writeFile(join(dir, "a.yaml"), specYaml(["listPets"]));
    await writeFile(join(dir, "b.yaml"), specYaml(["listDogs"]));
    await writeFile(join(dir, "schemas.yaml"), "Pet:\n  type: object\n");
    const config = join(dir, "vx.config.json");
    const jobsConfig = (jobs: object[]) => JSON.stringify({ target: "fake", jobs }, null, 2);
    await writeFile(config, jobsConfig([{ name: "a", openapi: "a.yaml", out: "out-a" }]));
    const { runs, io, onRun } = recorder();
    handle = await watchProject({ load: () => loadJobs({ config, overrides: {} }), io, steps: fakeSteps, onRun, debounceMs: 30 });
    await handle.ready;
    expect(await exists(join(dir, "out-a/src/handlers.ts"))).toBe(true);

    await writeFile(config, jobsConfig([{ name: "a", openapi: "a.yaml", out: "out-a" }, { name: "b", openapi: "b.yaml", out: "out-b" }]));
    await waitFor("job b", () => exists(join(dir, "out-b/src/generated/operations/list-dogs.ts")));

    await waitFor("the config run to finish", () => runs.some((run) => run.results.some((r) => r.job.name === "b")));
    const count = runs.length;
    await writeFile(join(dir, "b.yaml"), specYaml(["listDogs", "createDog"]));
    await waitFor("job b to rerun", () => exists(join(dir, "out-b/src/generated/operations/create-dog.ts")));
    await waitFor("its run to finish", () => runs.length > count);
    // Only job b ran: job a's inputs did not change.
    expect(runs.slice(count).flatMap((run) => run.results.map((r) => r.job.name))).toEqual(["b"]);
  });
});

describe("vx-gen watch, a change noticed by a run's loop before its timer fires", () => {
  it("keeps regenerating after a debounce timer fires with nothing left to do", async () => {
    // Run A is held in buildIr while the file is saved again with the same content: that event is taken by the run's
    // loop (an unchanged fingerprint, no run) before its debounce timer fires. The timer then finds nothing pending.
    // This used to leave `running` set for good, and no later change was ever regenerated.
    const dir = await mkdtemp(join(tmpdir(), "vx-watch-timer-"));
    const spec = join(dir, "api.yaml");
    await writeFile(join(dir, "schemas.yaml"), "Pet:\n  type: object\n");
    await writeFile(spec, specYaml(["listPets"]));
    let hold: Promise<void> | undefined;
    let entered: (() => void) | undefined;
    const steps = {
      ...fakeSteps,
      buildIr: async (input: Parameters<typeof fakeSteps.buildIr>[0]) => {
        if (hold) {
          entered?.();
          await hold;
        }
        return fakeSteps.buildIr(input);
      },
    };
    const job: GenerationJob = { name: "default", openapi: spec, target: "fake", out: join(dir, "server"), allowRemoteRefs: false, options: {} };
    const { runs, io, onRun } = recorder();
    // A long debounce, and an edit that adds no operation (no user file to extend), so run A ends well before the timer.
    handle = await watchProject({ load: async () => ({ jobs: [job], diagnostics: [] }), io, steps, onRun, debounceMs: 1500 });
    await handle.ready;

    let release: () => void = () => undefined;
    hold = new Promise<void>((r) => (release = r));
    const inRun = new Promise<void>((r) => (entered = r));
    const second = specYaml(["listPets"]).replace("title: Pets", "title: Pets and more");
    await writeFile(spec, second);
    await inRun;
    await writeFile(spec, second);
    await new Promise((r) => setTimeout(r, 100));
    hold = undefined;
    release();
    await waitFor("run A", () => runs.length >= 2);
    await new Promise((r) => setTimeout(r, 2000));

    await writeFile(spec, specYaml(["listPets", "createPet", "replacePets"]));
    await waitFor("the next change to regenerate", () => exists(join(dir, "server/src/generated/operations/replace-pets.ts")));
  });
});
