import type { SpecFormat } from "./parseSpecText.js";

/** One file of an OpenAPI document, parsed. */
export interface SpecFile {
  /** Path as shown in diagnostics and IR sources: relative to the root file as the user named it. */
  file: string;
  /** Absolute path, or the URL of a remote file: the identity `$ref`s resolve to. */
  key: string;
  text: string;
  value: unknown;
  format: SpecFormat;
}

/** A place in a document: a file, a JSON pointer inside it, and the value found there. */
export interface Cursor {
  file: SpecFile;
  pointer: string;
  value: unknown;
}

/** Identity of a place, for maps and cycle checks: `<file key>#<pointer>`. */
export function cursorKey(cursor: { file: SpecFile; pointer: string }): string {
  return `${cursor.file.key}#${cursor.pointer}`;
}
