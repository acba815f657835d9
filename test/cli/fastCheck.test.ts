import { mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GenerationJob } from "../../src/config/GenerationJob.js";
import { generateProject } from "../../src/pipeline/generateProject.js";
import { readFileHashes, writeFileHashes } from "../../src/writer/checkCache.js";
import { isOutputCurrent } from "../../src/writer/isOutputCurrent.js";
import { UNCERTAIN_MS } from "../../src/writer/OutputSnapshot.js";
import { fakeSteps } from "./generateFakeTarget.js";
import { petSpec, v1 } from "./generateSpecs.js";

/** Lets the file system's coarse clock (1-10 ms ticks on Linux) move on, so that an edit gets a new ctime. */
const tick = () => new Promise((r) => setTimeout(r, 30));

/** As if the files recorded in the file-hash cache had been read UNCERTAIN_MS + 1 s later (tests do not wait 2 s). */
async function ageCache(outDir: string): Promise<void> {
  const entries = await readFileHashes({ outDir });
  for (const entry of entries.values()) entry.knownAt += UNCERTAIN_MS + 1000;
  await writeFileHashes({ outDir, entries });
}

async function generated() {
  const dir = await mkdtemp(join(tmpdir(), "vx-fastcheck-"));
  const spec = join(dir, "api.json");
  await writeFile(spec, JSON.stringify(petSpec(v1), null, 2));
  const job: GenerationJob = { name: "default", openapi: spec, target: "fake", out: join(dir, "server"), allowRemoteRefs: false, options: {} };
  const result = await generateProject({ job, steps: fakeSteps });
  expect(result.stopped).toBeUndefined();
  const settings = { target: job.target, options: job.options, allowRemoteRefs: job.allowRemoteRefs };
  const check = async () => {
    const counts = { trusted: 0, read: 0 };
    const current = await isOutputCurrent({ outDir: job.out, settings, counts });
    return { current, ...counts };
  };
  return { out: job.out, check, files: result.plan?.actions.length ?? 0 };
}

describe("the fast check's stat-based shortcut", () => {
  it("reads files just written, then answers from stamps alone once they are old enough to be trusted", async () => {
    const { out, check, files } = await generated();
    // Just written: nothing recorded yet, every file is read (and recorded).
    expect(await check()).toEqual({ current: true, trusted: 0, read: files });
    // Recorded milliseconds after the write: within UNCERTAIN_MS, so still read.
    expect(await check()).toEqual({ current: true, trusted: 0, read: files });
    await ageCache(out);
    expect(await check()).toEqual({ current: true, trusted: files, read: 0 });
  });

  it("a generated file edited without changing its size is seen (mtime and ctime move)", async () => {
    const { out, check } = await generated();
    await check();
    await ageCache(out);
    await tick();
    const path = join(out, "src/generated/schemas.ts");
    const text = await readFile(path, "utf8");
    const edited = text.replace("name?: string;", "name?: number;");
    expect(edited.length).toBe(text.length);
    await writeFile(path, edited);
    expect(await check()).toMatchObject({ current: false, read: 1 });
  });

  it("an edit that also restores the old mtime is seen (ctime cannot be set back)", async () => {
    const { out, check } = await generated();
    await check();
    await ageCache(out);
    await tick();
    const path = join(out, "src/generated/schemas.ts");
    const before = (await readFileHashes({ outDir: out })).get("src/generated/schemas.ts");
    const text = await readFile(path, "utf8");
    await writeFile(path, text.replace("name?: string;", "name?: number;"));
    const mtime = new Date(before?.stamp.mtimeMs ?? 0);
    await utimes(path, mtime, mtime);
    expect(await check()).toMatchObject({ current: false });
  });

  it("scaffold files: an edit keeping the declarations is fine, one removing a handler is not; deletions are seen", async () => {
    const { out, check, files } = await generated();
    await check();
    await ageCache(out);
    await tick();
    const handlers = join(out, "src/handlers.ts");
    const text = await readFile(handlers, "utf8");
    await writeFile(handlers, `// my notes\n${text}`);
    expect(await check()).toEqual({ current: true, trusted: files - 1, read: 1 });
    await writeFile(handlers, text.replace(/export async function getPet[\s\S]*?\n}\n?/, ""));
    expect(await check()).toMatchObject({ current: false });
    await writeFile(handlers, text);
    expect(await check()).toMatchObject({ current: true });
    await rm(join(out, "src/server.ts"));
    expect(await check()).toMatchObject({ current: false });
  });
});
