import type { Diagnostic } from "../../ir/types.js";
import { createDiagnostic } from "../../diagnostics/createDiagnostic.js";
import { parseYamlValue } from "./parseYamlValue.js";
import { lineColumnAt } from "./lineColumnAt.js";

export type SpecFormat = "json" | "yaml";

export type ParseSpecTextResult = { ok: true; value: unknown; format: SpecFormat } | { ok: false; diagnostic: Diagnostic };

/** The format a text is in: JSON when it starts with `{` or `[` (JSON is parsed natively, fast even at 13 MB). */
export function detectSpecFormat({ text }: { text: string }): SpecFormat {
  const first = /\S/.exec(text.slice(0, 4096))?.[0];
  return first === "{" || first === "[" ? "json" : "yaml";
}

/** Parses a spec file's text; a syntax error becomes VX100 at the line and column where it was found. */
export function parseSpecText({ file, text }: { file: string; text: string }): ParseSpecTextResult {
  const format = detectSpecFormat({ text });
  if (format === "json") {
    try {
      return { ok: true, value: JSON.parse(text) as unknown, format };
    } catch (error) {
      const message = (error as Error).message;
      if (file.toLowerCase().endsWith(".json")) {
        const position = /at position (\d+)/.exec(message)?.[1];
        const location = position === undefined ? { file } : { file, ...lineColumnAt({ text, offset: Number(position) }) };
        return {
          ok: false,
          diagnostic: createDiagnostic({ code: "VX100", message: `invalid JSON: ${message.replace(/\s*\(line \d+ column \d+\)/, "")}`, location }),
        };
      }
      // Not named .json: it may be YAML flow syntax; let the YAML parser decide.
    }
  }
  const parsed = parseYamlValue({ text });
  if (parsed.ok) return { ok: true, value: parsed.value, format: "yaml" };
  const location = parsed.line === undefined ? { file } : { file, line: parsed.line, ...(parsed.column === undefined ? {} : { column: parsed.column }) };
  return {
    ok: false,
    diagnostic: createDiagnostic({ code: "VX100", message: `invalid YAML: ${parsed.message}`, location }),
  };
}
