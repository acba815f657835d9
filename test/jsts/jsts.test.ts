import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { failureKey, formatJstsTable, runJsts, type JstsDraft, type JstsFailure } from "./runJsts.js";
import { sharedInputPresent } from "../helpers/sharedInput.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const suiteDir = join(root, "..", "shared", "jsts");
const workDir = join(root, "test", ".out", "jsts");
const floors = JSON.parse(readFileSync(join(here, "floors.json"), "utf8")) as Record<JstsDraft, number>;

/** `- \`<file> › <group> › <test>\` — <reason>` lines of known-failures.md, by key. */
function readKnownFailures(): Map<string, string> {
  const known = new Map<string, string>();
  for (const line of readFileSync(join(here, "known-failures.md"), "utf8").split("\n")) {
    const match = /^- `(.+)` — (.+)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) known.set(match[1], match[2].trim());
  }
  return known;
}

function unlisted({ failures, known }: { failures: JstsFailure[]; known: Map<string, string> }): string[] {
  return failures.map(failureKey).filter((key) => !known.has(key));
}

describe.skipIf(!sharedInputPresent({ path: suiteDir, what: "JSON Schema Test Suite" }))("JSON Schema Test Suite (../shared/jsts)", () => {
  const known = readKnownFailures();
  for (const draft of ["draft4", "draft2020-12"] as const) {
    test(`${draft} core keywords: >= 98% and not below the recorded floor`, async () => {
      const result = await runJsts({ suiteDir, draft, part: "core", workDir });
      console.log(formatJstsTable({ title: `${draft} (core keywords)`, result }));
      const rate = result.passed / (result.passed + result.failed);
      expect(
        unlisted({ failures: result.failures, known }),
        "failures missing from test/jsts/known-failures.md",
      ).toEqual([]);
      expect(result.passed).toBeGreaterThanOrEqual(floors[draft]);
      expect(rate).toBeGreaterThanOrEqual(0.98);
      const fixed = [...known.keys()].filter(
        (key) => key.startsWith(`${draft}/`) && !key.startsWith(`${draft}/optional/`),
      );
      const stillFailing = new Set(result.failures.map(failureKey));
      const nowPassing = fixed.filter((key) => !stillFailing.has(key));
      if (nowPassing.length > 0)
        console.log(`now passing, remove from known-failures.md:\n  ${nowPassing.join("\n  ")}`);
    });
    test(`${draft} optional/ (reported, no floor)`, async () => {
      const result = await runJsts({ suiteDir, draft, part: "optional", workDir });
      console.log(formatJstsTable({ title: `${draft} (optional, no floor)`, result }));
      expect(
        unlisted({ failures: result.failures, known }),
        "failures missing from test/jsts/known-failures.md",
      ).toEqual([]);
    });
  }
});
