import type { Project } from "ts-morph";
import { inspectUserFile, type UserDeclaration } from "./inspectUserFile.js";

export type AddMissingDeclarationsResult =
  | {
      ok: true;
      /** The user's text with the missing declarations inserted; every original byte kept, in order. */
      text: string;
      added: string[];
      /** The declarations the user's file has (before insertion), by name. */
      existing: Map<string, UserDeclaration>;
    }
  | { ok: false; message: string; line: number; column: number };

/**
 * Adds to a user's scaffold file the declarations it lacks (e.g. a handler for a new operation). ts-morph parses the
 * file and finds what it declares and where; the new code goes right after the last managed declaration the file already has (or at the end of the file), so
 * the only change is one inserted block: every other byte of the user's file stays as it was.
 */
export async function addMissingDeclarations({
  project,
  path,
  text,
  declarations,
}: {
  project: Project;
  path: string;
  text: string;
  declarations: readonly { name: string; code: string }[];
}): Promise<AddMissingDeclarationsResult> {
  const inspected = await inspectUserFile({ project, path, text });
  if (!inspected.ok) return inspected;
  const existing = inspected.declarations;
  const missing = declarations.filter((d) => !existing.has(d.name));
  if (missing.length === 0) return { ok: true, text, added: [], existing };

  const crlf = text.split("\r\n").length - 1;
  const newline = crlf > 0 && crlf >= text.split("\n").length - 1 - crlf ? "\r\n" : "\n";
  const block = missing.map((d) => d.code.trim().replace(/\r?\n/g, newline)).join(newline + newline);
  let anchor: number | undefined;
  for (const d of declarations) {
    const found = existing.get(d.name);
    if (found && (anchor === undefined || found.end > anchor)) anchor = found.end;
  }
  let position: number;
  let insertion: string;
  if (anchor !== undefined) {
    position = anchor;
    insertion = newline + newline + block;
  } else {
    position = text.length;
    const trailing = text.length === 0 ? "" : text.endsWith("\n") ? newline : newline + newline;
    insertion = (text.length === 0 ? "" : trailing) + block + newline;
  }
  // A plain splice at the position ts-morph found: ts-morph's own manipulation would re-print newlines.
  const result = text.slice(0, position) + insertion + text.slice(position);
  return { ok: true, text: result, added: missing.map((d) => d.name), existing };
}
