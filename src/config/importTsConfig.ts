import { rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ts as Ts } from "ts-morph";

export type ImportTsConfigResult =
  | { ok: true; value: unknown }
  | { ok: false; message: string; line?: number; column?: number; help?: string };

async function loadTypeScript(): Promise<typeof Ts | undefined> {
  try {
    return (await import("ts-morph")).ts;
  } catch {
    return undefined;
  }
}

export { loadTypeScript };

/**
 * Loads a `vx.config.ts`: TypeScript's `transpileModule` (the compiler inside ts-morph) turns it into an ES module,
 * which is imported and its default export returned. A self-contained config (type-only imports are erased) is
 * imported from a `data:` URL, writing nothing; one with runtime imports is written to a temporary `.mjs` next to the
 * config (so relative imports resolve) and removed right after.
 */
export async function importTsConfig({ file, text, ts }: { file: string; text: string; ts: typeof Ts }): Promise<ImportTsConfigResult> {
  const output = ts.transpileModule(text, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false, verbatimModuleSyntax: false },
  });
  const syntax = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntax) {
    const position = syntax.file && syntax.start !== undefined ? syntax.file.getLineAndCharacterOfPosition(syntax.start) : undefined;
    return {
      ok: false,
      message: ts.flattenDiagnosticMessageText(syntax.messageText, "\n"),
      ...(position ? { line: position.line + 1, column: position.character + 1 } : {}),
    };
  }
  const code = output.outputText;
  const hasImports = /^\s*import\s|^\s*export\s[^;]*\sfrom\s|\bimport\s*\(|\brequire\s*\(/m.test(code);
  let temp: string | undefined;
  try {
    let url: string;
    if (hasImports) {
      temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.mjs`);
      await writeFile(temp, code, "utf8");
      url = pathToFileURL(temp).href;
    } else {
      url = `data:text/javascript;base64,${Buffer.from(code, "utf8").toString("base64")}`;
    }
    const module = (await import(url)) as { default?: unknown };
    if (module.default === undefined) return { ok: false, message: "the config has no default export", help: "write `export default { ... }`" };
    const value = typeof module.default === "function" ? await (module.default as () => unknown)() : module.default;
    return { ok: true, value };
  } catch (error) {
    return { ok: false, message: `running the config failed: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    if (temp) await rm(temp, { force: true });
  }
}
