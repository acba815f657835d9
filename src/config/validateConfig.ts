import type { ErrorObject, ValidateFunction } from "ajv";
import type { Diagnostic } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import { checkAuthOptions } from "./checkAuthOptions.js";
import type { ConfigLocator } from "./ConfigLocator.js";
import { readConfigSchema } from "./readConfigSchema.js";
import type { VxConfig } from "./VxConfig.js";

let compiled: Promise<ValidateFunction> | undefined;

function validator(): Promise<ValidateFunction> {
  // Ajv is loaded only when there is a config to check (a flags-only run, e.g. a pre-commit `check`, never pays for it).
  compiled ??= Promise.all([readConfigSchema(), import("ajv/dist/2020.js")]).then(([{ schema }, { default: Ajv2020 }]) =>
    new Ajv2020.default({ allErrors: true, strict: false, verbose: true }).compile(schema),
  );
  return compiled;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

function toPath(instancePath: string): (string | number)[] {
  if (instancePath === "") return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

function describe({ error, prefix }: { error: ErrorObject; prefix: readonly (string | number)[] }): { path: (string | number)[]; message: string; help?: string } {
  const path = [...prefix, ...toPath(error.instancePath)];
  const where = path.length === 0 ? "the config" : `"${path.join(".")}"`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const name = String(params["additionalProperty"]);
      const allowed = Object.keys(((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
      const close = allowed.filter((a) => editDistance(a.toLowerCase(), name.toLowerCase()) <= 2).sort();
      return {
        path: [...path, name],
        message: `unknown option "${name}" in ${where}`,
        help: close.length > 0 ? `did you mean "${close[0]}"? known options: ${allowed.join(", ")}` : `known options: ${allowed.join(", ")}`,
      };
    }
    case "required":
      return { path, message: `${where} is missing "${String(params["missingProperty"])}"` };
    case "enum":
      return { path, message: `${where} must be one of ${((params["allowedValues"] as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(", ")}` };
    default:
      return { path, message: `${where} ${error.message ?? "is invalid"}` };
  }
}

/**
 * Checks a config value against `schemas/vx.config.schema.json` and the rules a schema cannot say (job names unique,
 * `options.auth`: IP ranges valid, no cycle in the role hierarchy).
 * Each problem is a VX021 (VX025 for `auth`) diagnostic at the line and column the locator finds.
 */
export async function validateConfig({
  value,
  file,
  locate,
  prefix = [],
}: {
  value: unknown;
  file: string;
  locate: ConfigLocator;
  /** Where the config sits in its file (`["vx"]` in package.json). */
  prefix?: readonly (string | number)[];
}): Promise<{ config?: VxConfig; diagnostics: Diagnostic[] }> {
  const validate = await validator();
  const diagnostics: Diagnostic[] = [];
  const place = (path: readonly (string | number)[]) => ({ file, ...(locate(path) ?? {}) });
  if (!validate(value)) {
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== "if" && e.keyword !== "$ref");
    const seen = new Set<string>();
    for (const error of errors) {
      const { path, message, help } = describe({ error, prefix });
      if (seen.has(message)) continue;
      seen.add(message);
      diagnostics.push(createDiagnostic({ code: "VX021", message, location: place(path), ...(help ? { help } : {}) }));
    }
    return { diagnostics };
  }
  const config = value as VxConfig;
  const names = new Map<string, number>();
  for (const [index, job] of (config.jobs ?? []).entries()) {
    const first = names.get(job.name);
    if (first !== undefined) {
      diagnostics.push(
        createDiagnostic({
          code: "VX021",
          message: `job name "${job.name}" is used twice`,
          location: place([...prefix, "jobs", index, "name"]),
          related: [{ message: "first used here", location: place([...prefix, "jobs", first, "name"]) }],
        }),
      );
    } else names.set(job.name, index);
  }
  const authAt: [(string | number)[], VxConfig["options"]][] = [[["options"], config.options], ...(config.jobs ?? []).map((job, index): [(string | number)[], VxConfig["options"]] => [["jobs", index, "options"], job.options])];
  for (const [at, options] of authAt) {
    for (const problem of checkAuthOptions(options?.auth ?? {})) {
      diagnostics.push(createDiagnostic({ code: "VX025", message: problem.message, help: problem.help, location: place([...prefix, ...at, "auth", ...problem.path]) }));
    }
  }
  return diagnostics.length > 0 ? { diagnostics } : { config, diagnostics };
}
