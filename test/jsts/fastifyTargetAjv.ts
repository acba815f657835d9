import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { requestValidatorOptions } from "../../generators/shared/renderValidators.js";
import { generateValidatorRuntimeSource } from "../../src/validators/assembleModule.js";
import type { SchemaValue } from "../../src/validators/forEachSubschema.js";
import { createValidatorUnitCache } from "../../src/validators/validatorUnits.js";
import type { GeneratedValidator } from "../../src/validators/ValidationIssue.js";

/**
 * What the generated Fastify server validates a JSON body with, for a given schema: the unit the generator compiles
 * (`renderValidators`: `createValidatorUnitCache().compile` with `requestValidatorOptions`, i.e.
 * `generateValidatorModule` in the OpenAPI 3.1 dialect, formats asserted, no defaults for bodies), written next to
 * the shared run time it imports, loaded and returned. Each call is a new module (suite groups reuse `$id`s).
 */
export function createFastifyTargetCompiler({
  workDir,
  formats = requestValidatorOptions.formats,
}: {
  workDir: string;
  /** Only to show the rest is the same code: `annotate` as in the 2020-12 dialect. */
  formats?: "assert" | "annotate";
}): (input: { schema: SchemaValue }) => Promise<GeneratedValidator> {
  mkdirSync(workDir, { recursive: true });
  writeFileSync(
    join(workDir, "runtime.js"),
    generateValidatorRuntimeSource({ maxIssues: requestValidatorOptions.maxIssues }),
  );
  const cache = createValidatorUnitCache({ dir: undefined });
  let counter = 0;
  return async ({ schema }) => {
    const source = await cache.compile({
      schemas: { body: schema },
      defs: {},
      dialect: requestValidatorOptions.dialect,
      formats,
      maxIssues: requestValidatorOptions.maxIssues,
      runtime: requestValidatorOptions.runtime,
      useDefaults: false,
    });
    const file = join(workDir, `t${counter++}.mjs`);
    writeFileSync(file, source.source);
    const loaded = (await import(pathToFileURL(file).href)) as { default: { body: GeneratedValidator } };
    return loaded.default.body;
  };
}
