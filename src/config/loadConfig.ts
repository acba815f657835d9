import type { Diagnostic } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import { readTextFile } from "../util/readTextFile.js";
import { configFileKind, type ConfigFileKind } from "./findConfigFile.js";
import { importTsConfig, loadTypeScript } from "./importTsConfig.js";
import { findJsonErrorOffset } from "./findJsonErrorOffset.js";
import { lineColumnOf } from "./lineColumnOf.js";
import { locateInTsConfig } from "./locateInTsConfig.js";
import { validateConfig } from "./validateConfig.js";
import type { VxConfig } from "./VxConfig.js";

export interface LoadConfigResult {
  /** Present when the config was read and is valid. */
  config?: VxConfig;
  file: string;
  diagnostics: Diagnostic[];
}

function parseJson({ file, text }: { file: string; text: string }): { ok: true; value: unknown } | { ok: false; diagnostic: Diagnostic } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const place = lineColumnOf({ text, offset: findJsonErrorOffset(text) });
    return {
      ok: false,
      diagnostic: createDiagnostic({
        code: "VX020",
        message: `invalid JSON: ${message.split("\n")[0]?.replace(/,? ?(\.\.\.")?$/, "").replace(/\s*(in JSON )?at position \d+.*$/, "")}`,
        location: { file, ...place },
      }),
    };
  }
}

/**
 * Reads and validates a config file: `vx.config.ts`/`.mts` (transpiled with the TypeScript compiler inside ts-morph,
 * then imported), `vx.config.json`, or the `"vx"` key of a package.json. Every problem is a diagnostic with file,
 * line and column: syntax (VX020), schema (VX021), a TypeScript config that cannot be run (VX022).
 */
export async function loadConfig({ file, kind = configFileKind(file) }: { file: string; kind?: ConfigFileKind }): Promise<LoadConfigResult> {
  const read = await readTextFile({ file, label: "config" });
  if (!read.ok) return { file, diagnostics: [read.diagnostic] };
  const text = read.text;

  if (kind === "ts") {
    const ts = await loadTypeScript();
    if (!ts) {
      return {
        file,
        diagnostics: [
          createDiagnostic({
            code: "VX022",
            message: "a TypeScript config needs the TypeScript compiler, which cannot be loaded",
            location: { file },
            help: "install ts-morph next to vx-gen, or use vx.config.json",
          }),
        ],
      };
    }
    const imported = await importTsConfig({ file, text, ts });
    if (!imported.ok) {
      const code = imported.line !== undefined ? "VX020" : "VX022";
      const location = { file, ...(imported.line !== undefined ? { line: imported.line, column: imported.column ?? 1 } : {}) };
      return { file, diagnostics: [createDiagnostic({ code, message: imported.message, location, ...(imported.help ? { help: imported.help } : {}) })] };
    }
    const validated = await validateConfig({ value: imported.value, file, locate: locateInTsConfig({ ts, file, text }) });
    return { file, diagnostics: validated.diagnostics, ...(validated.config ? { config: validated.config } : {}) };
  }

  const parsed = parseJson({ file, text });
  if (!parsed.ok) return { file, diagnostics: [parsed.diagnostic] };
  let value = parsed.value;
  const prefix: string[] = [];
  if (kind === "package.json") {
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)["vx"] : undefined;
    prefix.push("vx");
    if (value === undefined) {
      return { file, diagnostics: [createDiagnostic({ code: "VX021", message: 'package.json has no "vx" key', location: { file } })] };
    }
  }
  const { locateInJsonConfig } = await import("./locateInJsonConfig.js");
  const validated = await validateConfig({ value, file, locate: locateInJsonConfig({ text }), prefix });
  return { file, diagnostics: validated.diagnostics, ...(validated.config ? { config: validated.config } : {}) };
}
