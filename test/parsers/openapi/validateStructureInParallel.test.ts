import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../src/ir/types.js";
import type { SpecFile } from "../../../src/parsers/openapi/SpecFile.js";
import type { SpecVersion } from "../../../src/parsers/openapi/ReadContext.js";
import { sharedInputPresent } from "../../helpers/sharedInput.js";

// The worker runs compiled code, so this test drives the built module (dist/, rebuilt by the global setup when stale).
type Start = (input: { files: ReadonlyMap<string, SpecFile>; root: SpecFile; version: SpecVersion }) => Promise<Diagnostic[]>;
type Validate = (input: { files: ReadonlyMap<string, SpecFile>; root: SpecFile; version: SpecVersion }) => Diagnostic[];
const dist = join(process.cwd(), "dist", "src", "parsers", "openapi");
const { startStructureValidation, structurePoolSize, PARALLEL_STRUCTURE_BYTES } = (await import(join(dist, "validateStructureInParallel.js"))) as {
  startStructureValidation: Start;
  structurePoolSize: () => number;
  PARALLEL_STRUCTURE_BYTES: number;
};
const { validateStructure } = (await import(join(dist, "validateStructure.js"))) as { validateStructure: Validate };

const github = join(process.cwd(), "node_modules", "@octokit", "openapi", "generated", "api.github.com.json");

function specFile({ text, file }: { text: string; file: string }): SpecFile {
  return { file, key: file, text, value: JSON.parse(text) as unknown, format: "json" };
}

describe.skipIf(!sharedInputPresent({ path: github, what: "worker-thread structural validation (GitHub's spec from the @octokit/openapi dev dependency)" }))("structural validation on a worker thread", () => {
  it("gives the same diagnostics as validating in this thread, valid or not", async () => {
    const text = await readFile(github, "utf8");
    expect(text.length).toBeGreaterThan(PARALLEL_STRUCTURE_BYTES);
    const valid = specFile({ text, file: "github.json" });
    const files = new Map([[valid.key, valid]]);
    expect(await startStructureValidation({ files, root: valid, version: "3.0" })).toEqual([]);
    expect(structurePoolSize()).toBe(1);

    // Break it in three places: a wrong type, an unknown property, a bad parameter location.
    const broken = JSON.parse(text) as { info: Record<string, unknown>; paths: Record<string, Record<string, { parameters?: { in: string }[] }>> };
    broken.info.title = 42;
    broken.info.colour = "red";
    const firstWithParameters = Object.values(broken.paths).flatMap((item) => Object.values(item)).find((op) => (op.parameters ?? []).length > 0);
    const firstParameter = firstWithParameters?.parameters?.[0];
    if (firstParameter) firstParameter.in = "body-ish";
    const bad = specFile({ text: JSON.stringify(broken), file: "broken.json" });
    const badFiles = new Map([[bad.key, bad]]);
    const here = validateStructure({ files: badFiles, root: bad, version: "3.0" });
    const there = await startStructureValidation({ files: badFiles, root: bad, version: "3.0" });
    expect(here.length).toBeGreaterThanOrEqual(2);
    expect(there).toEqual(here);
  }, 60_000);
});
