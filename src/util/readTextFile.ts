import { readFileSync, statSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import type { Diagnostic } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";

/** Largest input file vx-gen reads (a 4 MB spec is the biggest real one seen; 64 MB leaves ample room). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export type ReadTextFileResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

export type ReadInputBytesResult = { ok: true; bytes: Buffer } | { ok: false; diagnostic: Diagnostic };

type InputFailureCode = "VX001" | "VX002" | "VX003" | "VX004" | "VX005" | "VX006";

function failure({ file, code, message, help }: { file: string; code: InputFailureCode; message: string; help?: string }): { ok: false; diagnostic: Diagnostic } {
  return { ok: false, diagnostic: createDiagnostic({ code, message, location: { file }, ...(help ? { help } : {}) }) };
}

/**
 * Reads a user input file's bytes, turning every way that can fail into a diagnostic that names the file: missing, a
 * directory, too large, empty, unreadable. `decodeInputText` checks and decodes them (`readTextFile` does both).
 * Synchronous calls (in an async function): a spec of 2,850 files is read on every watch run, and a thread-pool round
 * trip per call costs more than the read itself.
 */
export async function readInputBytes({ file, label }: { file: string; label: string }): Promise<ReadInputBytesResult> {
  let info;
  try {
    info = statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return failure({ file, code: "VX001", message: `${label} file not found`, help: "check the path; it is resolved from the current directory" });
    return failure({ file, code: "VX005", message: `${label} file cannot be read (${code ?? "unknown error"})` });
  }
  if (info.isDirectory()) return failure({ file, code: "VX002", message: `${label} path is a directory, expected a file` });
  if (info.size > MAX_INPUT_BYTES) return failure({ file, code: "VX006", message: `${label} file is ${info.size} bytes; the limit is ${MAX_INPUT_BYTES}` });
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return failure({ file, code: "VX005", message: `${label} file cannot be read (${(error as NodeJS.ErrnoException).code ?? "unknown error"})` });
  }
  if (bytes.length === 0) return failure({ file, code: "VX004", message: `${label} file is empty` });
  return { ok: true, bytes };
}

/** Whether bytes are text `decodeInputText` accepts as far as encoding goes: no NUL byte, valid UTF-8. */
export function isTextBytes({ bytes }: { bytes: Buffer }): boolean {
  return !bytes.includes(0) && isUtf8(bytes);
}

/**
 * The text of bytes that `isTextBytes` accepted, without a leading byte order mark (up to two, as vx-gen always
 * did: the UTF-8 decoder dropped one, then the reader another).
 */
export function decodeTextBytes({ bytes }: { bytes: Buffer }): string {
  let text = bytes.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

/** Checks and decodes an input file's bytes: binary (NUL bytes or invalid UTF-8) and blank files are diagnostics. */
export function decodeInputText({ file, label, bytes }: { file: string; label: string; bytes: Buffer }): ReadTextFileResult {
  if (bytes.includes(0)) return failure({ file, code: "VX003", message: `${label} file is binary, not text` });
  if (!isUtf8(bytes)) return failure({ file, code: "VX003", message: `${label} file is not valid UTF-8 text` });
  const text = decodeTextBytes({ bytes });
  if (!/\S/.test(text)) return failure({ file, code: "VX004", message: `${label} file is empty` });
  return { ok: true, text };
}

/**
 * Reads a user input file as UTF-8 text, turning every way it can fail into a diagnostic that names the file:
 * missing, a directory, too large, empty, binary (NUL bytes or invalid UTF-8), unreadable.
 */
export async function readTextFile({ file, label }: { file: string; label: string }): Promise<ReadTextFileResult> {
  const read = await readInputBytes({ file, label });
  if (!read.ok) return read;
  return decodeInputText({ file, label, bytes: read.bytes });
}
