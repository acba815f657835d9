import { readFile, stat } from "node:fs/promises";
import type { Diagnostic } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";

/** Largest input file vx-gen reads (a 4 MB spec is the biggest real one seen; 64 MB leaves ample room). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export type ReadTextFileResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/**
 * Reads a user input file as UTF-8 text, turning every way it can fail into a diagnostic that names the file:
 * missing, a directory, too large, empty, binary (NUL bytes or invalid UTF-8), unreadable.
 */
export async function readTextFile({ file, label }: { file: string; label: string }): Promise<ReadTextFileResult> {
  const fail = (code: "VX001" | "VX002" | "VX003" | "VX004" | "VX005" | "VX006", message: string, help?: string) => ({
    ok: false as const,
    diagnostic: createDiagnostic({ code, message, location: { file }, ...(help ? { help } : {}) }),
  });
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return fail("VX001", `${label} file not found`, "check the path; it is resolved from the current directory");
    return fail("VX005", `${label} file cannot be read (${code ?? "unknown error"})`);
  }
  if (info.isDirectory()) return fail("VX002", `${label} path is a directory, expected a file`);
  if (info.size > MAX_INPUT_BYTES) return fail("VX006", `${label} file is ${info.size} bytes; the limit is ${MAX_INPUT_BYTES}`);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return fail("VX005", `${label} file cannot be read (${(error as NodeJS.ErrnoException).code ?? "unknown error"})`);
  }
  if (bytes.length === 0) return fail("VX004", `${label} file is empty`);
  if (bytes.includes(0)) return fail("VX003", `${label} file is binary, not text`);
  let text: string;
  try {
    // Decoded once (a 13 MB spec is read on every watch run).
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("VX003", `${label} file is not valid UTF-8 text`);
  }
  if (!/\S/.test(text)) return fail("VX004", `${label} file is empty`);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}
