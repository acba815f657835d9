import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { requestValidatorOptions } from "../../generators/shared/renderValidators.js";
import { createFastifyTargetCompiler } from "./fastifyTargetAjv.js";
import { failureKey, formatJstsTable, runJsts } from "./runJsts.js";
import { sharedInputPresent } from "../helpers/sharedInput.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const suiteDir = join(root, "..", "shared", "jsts");
const workDir = join(root, "test", ".out", "jsts-target");
const floors = JSON.parse(readFileSync(join(here, "floors.json"), "utf8")) as Record<string, number>;

describe("the Fastify target's request validators (the units its generator compiles)", () => {
  test("bodies: OpenAPI 3.1 dialect, formats asserted, at most 20 issues, compiled at generation time", () => {
    expect(requestValidatorOptions).toMatchObject({ dialect: "openapi-3.1", formats: "assert", maxIssues: 20 });
  });

  test("rejects 12345 for a string and an unknown property (no coercion, no stripping)", async () => {
    const compile = createFastifyTargetCompiler({ workDir: join(workDir, "basic") });
    const validate = await compile({
      schema: { type: "object", additionalProperties: false, properties: { name: { type: "string" } } },
    });
    const coerced = { name: 12345 };
    expect(validate(coerced)).toEqual({
      valid: false,
      errors: [{ field: "name", message: "must be a string (got integer)", keyword: "type" }],
    });
    expect(coerced.name).toBe(12345);
    const extra = { name: "x", unknown: 1 };
    expect(validate(extra).errors).toEqual([
      { field: "unknown", message: "is not an allowed property", keyword: "additionalProperties" },
    ]);
    expect(extra).toEqual({ name: "x", unknown: 1 });
  });

  test.skipIf(!sharedInputPresent({ path: suiteDir, what: "JSON Schema Test Suite through the Fastify target's Ajv" }))(
    "JSON Schema Test Suite draft2020-12 core: what the target uses vs the generated validators",
    async () => {
      const compile = createFastifyTargetCompiler({ workDir: join(workDir, "suite") });
      const target = await runJsts({ suiteDir, draft: "draft2020-12", part: "core", workDir, compile });
      const generated = await runJsts({ suiteDir, draft: "draft2020-12", part: "core", workDir });
      console.log(
        formatJstsTable({ title: "draft2020-12 core through the Fastify target's validators", result: target }),
      );
      const generatedKeys = new Set(generated.failures.map(failureKey));
      const targetKeys = new Set(target.failures.map(failureKey));
      const onlyTarget = target.failures.filter((f) => !generatedKeys.has(failureKey(f)));
      const onlyGenerated = generated.failures.filter((f) => !targetKeys.has(failureKey(f)));
      console.log(
        [
          `target: ${target.passed} passed, ${target.failed} failed; generator (draft2020-12 dialect): ${generated.passed} passed, ${generated.failed} failed`,
          `failing only through the target's validators (${onlyTarget.length}):`,
          ...onlyTarget.map((f) => `  ${failureKey(f)} — ${f.reason}`),
          `failing only through the generated validators (${onlyGenerated.length}):`,
          ...onlyGenerated.map((f) => `  ${failureKey(f)} — ${f.reason}`),
        ].join("\n"),
      );
      expect(target.passed + target.failed).toBe(generated.passed + generated.failed);
      // Same code; the only difference is intended: OpenAPI bodies assert `format`, where 2020-12 makes it an
      // annotation (format.json expects any string to pass).
      expect(onlyGenerated).toEqual([]);
      expect(onlyTarget.filter((f) => f.file !== "draft2020-12/format.json")).toEqual([]);
      expect(target.passed).toBeGreaterThanOrEqual(floors["fastify-target-draft2020-12"] ?? Infinity);
      // With formats as annotations, the target's units score exactly what the generated validators score.
      const annotating = createFastifyTargetCompiler({ workDir: join(workDir, "annotate"), formats: "annotate" });
      const same = await runJsts({ suiteDir, draft: "draft2020-12", part: "core", workDir, compile: annotating });
      expect(same.failures.map(failureKey)).toEqual(generated.failures.map(failureKey));
      expect(same.passed).toBe(generated.passed);
    },
    240_000,
  );
});
