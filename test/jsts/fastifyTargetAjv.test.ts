import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { compileLikeFastifyTarget, readFastifyAjvOptions } from "./fastifyTargetAjv.js";
import { failureKey, formatJstsTable, runJsts } from "./runJsts.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const suiteDir = join(root, "..", "shared", "jsts");
const workDir = join(root, "test", ".out", "jsts-target");

describe("the Fastify target's body Ajv (options read from its template)", () => {
  test("bodies: all errors, no coercion, nothing removed, no defaults", () => {
    const options = readFastifyAjvOptions({ root, coerce: false });
    expect(options).toMatchObject({ allErrors: true, coerceTypes: false, removeAdditional: false, useDefaults: false });
    expect(readFastifyAjvOptions({ root, coerce: true })).toMatchObject({ coerceTypes: "array", useDefaults: true });
  });

  test("rejects 12345 for a string and an unknown property (no coercion, no stripping)", () => {
    const options = readFastifyAjvOptions({ root, coerce: false });
    const validate = compileLikeFastifyTarget({
      options,
      schema: { type: "object", additionalProperties: false, properties: { name: { type: "string" } } },
    });
    const coerced = { name: 12345 };
    expect(validate(coerced).valid).toBe(false);
    expect(coerced.name).toBe(12345);
    const extra = { name: "x", unknown: 1 };
    expect(validate(extra).valid).toBe(false);
    expect(extra).toEqual({ name: "x", unknown: 1 });
  });

  test.skipIf(!existsSync(suiteDir))(
    "JSON Schema Test Suite draft2020-12 core: the target's Ajv vs the generated validators",
    async () => {
      const options = readFastifyAjvOptions({ root, coerce: false });
      const target = await runJsts({
        suiteDir,
        draft: "draft2020-12",
        part: "core",
        workDir,
        compile: ({ schema }) => compileLikeFastifyTarget({ options, schema }),
      });
      const generated = await runJsts({ suiteDir, draft: "draft2020-12", part: "core", workDir });
      console.log(
        formatJstsTable({ title: "draft2020-12 core through the Fastify target's body Ajv", result: target }),
      );
      const generatedKeys = new Set(generated.failures.map(failureKey));
      const targetKeys = new Set(target.failures.map(failureKey));
      const onlyTarget = target.failures.filter((f) => !generatedKeys.has(failureKey(f)));
      const onlyGenerated = generated.failures.filter((f) => !targetKeys.has(failureKey(f)));
      console.log(
        [
          `target Ajv: ${target.passed} passed, ${target.failed} failed; generator: ${generated.passed} passed, ${generated.failed} failed`,
          `failing only through the target's Ajv (${onlyTarget.length}):`,
          ...onlyTarget.map((f) => `  ${failureKey(f)} — ${f.reason}`),
          `failing only through the generated validators (${onlyGenerated.length}):`,
          ...onlyGenerated.map((f) => `  ${failureKey(f)} — ${f.reason}`),
        ].join("\n"),
      );
      expect(target.passed + target.failed).toBe(generated.passed + generated.failed);
      // The generated validators are at least as faithful as the target's run-time Ajv.
      expect(generated.passed).toBeGreaterThanOrEqual(target.passed);
    },
    120_000,
  );
});
