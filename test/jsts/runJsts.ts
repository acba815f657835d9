import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { SchemaValue } from "../../src/validators/forEachSubschema.js";
import { forEachSubschema } from "../../src/validators/forEachSubschema.js";
import { generateValidatorSource } from "../../src/validators/generateValidatorSource.js";
import type { GeneratedValidator } from "../../src/validators/ValidationIssue.js";
import type { ValidatorDialect } from "../../src/validators/ValidatorDialect.js";

export type JstsDraft = "draft4" | "draft2020-12";

interface SuiteTest {
  description: string;
  data: SchemaValue;
  valid: boolean;
}

interface SuiteGroup {
  description: string;
  schema: SchemaValue;
  tests: SuiteTest[];
}

export interface JstsFailure {
  /** `draft2020-12/ref.json` (or `draft4/optional/format/email.json`). */
  file: string;
  group: string;
  test: string;
  reason: string;
}

export interface JstsFileResult {
  file: string;
  passed: number;
  failed: number;
  /** Tests not run because their group needs a remote `$ref`. */
  skipped: number;
  skippedGroups: number;
}

export interface JstsResult {
  files: JstsFileResult[];
  failures: JstsFailure[];
  passed: number;
  failed: number;
  skipped: number;
  skippedGroups: number;
}

/** The suite's remote documents are served from here (tests/../remotes); we do not serve them. */
const remoteBase = "http://localhost:1234/";

/**
 * Whether a schema has a `$ref` to another document (one not starting with `#`), or declares a `$schema` from the
 * suite's remotes (a custom meta-schema whose vocabularies can only be known by fetching it).
 */
function needsRemote(schema: SchemaValue): boolean {
  let found = false;
  forEachSubschema({
    schema,
    visit: ({ schema: node }) => {
      const ref = node["$ref"] ?? node["$dynamicRef"];
      if (typeof ref === "string" && !ref.startsWith("#")) found = true;
      const metaSchema = node["$schema"];
      if (typeof metaSchema === "string" && metaSchema.startsWith(remoteBase)) found = true;
    },
  });
  return found;
}

function listJsonFiles({ dir, recursive }: { dir: string; recursive: boolean }): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isDirectory() && recursive)
      out.push(...listJsonFiles({ dir: join(dir, entry.name), recursive: true }).map((f) => `${entry.name}/${f}`));
    else if (entry.isFile() && entry.name.endsWith(".json")) out.push(entry.name);
  }
  return out;
}

const dialectOf: Record<JstsDraft, ValidatorDialect> = { draft4: "draft4", "draft2020-12": "draft2020-12" };

/**
 * Runs the JSON Schema Test Suite files of `draft` (`core`: the files directly in tests/<draft>; `optional`: the
 * optional/ folder; its format/ files with formats asserted, as they expect) through `generateValidatorSource`: each group's schema becomes one generated module, written
 * below `workDir` and imported, then run on every test of the group. A group is skipped only when it needs the
 * suite's remotes (not served here): its schema refers to another document and the generator reports that reference
 * as unresolvable, or its `$schema` is a custom meta-schema from the remotes.
 */
export async function runJsts({
  suiteDir,
  draft,
  part,
  workDir,
  compile,
}: {
  suiteDir: string;
  draft: JstsDraft;
  part: "core" | "optional";
  workDir: string;
  /** Another validator to measure instead of the generated module (e.g. the Fastify target's run-time Ajv). */
  compile?: (input: {
    schema: SchemaValue;
    assertFormats: boolean;
  }) => GeneratedValidator | Promise<GeneratedValidator>;
}): Promise<JstsResult> {
  const baseDir = part === "core" ? join(suiteDir, "tests", draft) : join(suiteDir, "tests", draft, "optional");
  const files = listJsonFiles({ dir: baseDir, recursive: part === "optional" });
  const result: JstsResult = { files: [], failures: [], passed: 0, failed: 0, skipped: 0, skippedGroups: 0 };
  const outDir = join(workDir, draft, part);
  mkdirSync(outDir, { recursive: true });
  let moduleCounter = 0;
  for (const file of files) {
    const fileLabel = `${draft}/${part === "optional" ? "optional/" : ""}${file}`;
    const groups = JSON.parse(readFileSync(join(baseDir, file), "utf8")) as SuiteGroup[];
    const fileResult: JstsFileResult = { file: fileLabel, passed: 0, failed: 0, skipped: 0, skippedGroups: 0 };
    for (const group of groups) {
      let validate: GeneratedValidator | undefined;
      let generationError: string | undefined;
      try {
        const assertFormats = part === "optional" && (file.startsWith("format/") || file === "format-assertion.json");
        if (compile) validate = await compile({ schema: group.schema, assertFormats });
        else {
          const source = generateValidatorSource({
            schema: group.schema,
            dialect: dialectOf[draft],
            ...(assertFormats ? { formats: "assert" as const } : {}),
          });
          const modulePath = join(outDir, `m${moduleCounter++}.mjs`);
          writeFileSync(modulePath, source);
          const loaded = (await import(pathToFileURL(modulePath).href)) as { default: GeneratedValidator };
          validate = loaded.default;
        }
      } catch (error) {
        generationError = error instanceof Error ? error.message : String(error);
      }
      const remoteMetaSchema = JSON.stringify(group.schema).includes(`"$schema":"${remoteBase}`);
      const unresolvable = !validate && generationError !== undefined && /resolve reference/i.test(generationError);
      if (needsRemote(group.schema) && (remoteMetaSchema || unresolvable)) {
        fileResult.skipped += group.tests.length;
        fileResult.skippedGroups += 1;
        continue;
      }
      for (const test of group.tests) {
        let reason: string | undefined;
        if (!validate) {
          reason = `generation failed: ${(generationError ?? "").split("\n").slice(0, 2).join(" ")}`;
        } else {
          try {
            const outcome = validate(JSON.parse(JSON.stringify(test.data)) as SchemaValue);
            if (outcome.valid !== test.valid)
              reason = test.valid ? "rejected a valid instance" : "accepted an invalid instance";
            else if (!outcome.valid && outcome.errors.length === 0) reason = "invalid without any error detail";
          } catch (error) {
            reason = `validator threw: ${error instanceof Error ? error.message : String(error)}`;
          }
        }
        if (reason === undefined) fileResult.passed += 1;
        else {
          fileResult.failed += 1;
          result.failures.push({ file: fileLabel, group: group.description, test: test.description, reason });
        }
      }
    }
    result.files.push(fileResult);
    result.passed += fileResult.passed;
    result.failed += fileResult.failed;
    result.skipped += fileResult.skipped;
    result.skippedGroups += fileResult.skippedGroups;
  }
  return result;
}

/** The per-file table and the totals, as printed by the runner. */
export function formatJstsTable({ title, result }: { title: string; result: JstsResult }): string {
  const width = Math.max(...result.files.map((f) => f.file.length), 10);
  const lines = [`${title}`, `${"file".padEnd(width)}  passed  failed  skipped`];
  for (const f of result.files) {
    lines.push(
      `${f.file.padEnd(width)}  ${String(f.passed).padStart(6)}  ${String(f.failed).padStart(6)}  ${String(f.skipped).padStart(7)}`,
    );
  }
  const total = result.passed + result.failed;
  const rate = total === 0 ? 0 : (100 * result.passed) / total;
  lines.push(
    `total: ${result.passed} passed, ${result.failed} failed (${rate.toFixed(2)}%); skipped ${result.skipped} tests in ${result.skippedGroups} groups needing remote $refs`,
  );
  return lines.join("\n");
}

/** The identity of a failure in test/jsts/known-failures.md. */
export function failureKey(failure: Omit<JstsFailure, "reason">): string {
  return `${failure.file} › ${failure.group} › ${failure.test}`;
}
