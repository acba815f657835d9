import type { SpecFormat } from "./parseSpecText.js";
import { decodeTextBytes } from "../../util/readTextFile.js";

/** One file of an OpenAPI document, parsed. */
export interface SpecFile {
  /** Path as shown in diagnostics and IR sources: relative to the root file as the user named it. */
  file: string;
  /** Absolute path, or the URL of a remote file: the identity `$ref`s resolve to. */
  key: string;
  /** The file's text (decoded on first use when the file was read as bytes and parsed without it). */
  readonly text: string;
  value: unknown;
  format: SpecFormat;
}

const sizes = new WeakMap<SpecFile, number>();
const sources = new WeakMap<SpecFile, Buffer>();

/**
 * A `SpecFile` whose `text` is either given or decoded from `bytes` the first time something asks (locating a
 * diagnostic): a watch run that re-parsed only the edited members of a 13 MB file never decodes the rest.
 */
export function createSpecFile({ file, key, value, format, text, bytes }: { file: string; key: string; value: unknown; format: SpecFormat; text?: string; bytes?: Buffer }): SpecFile {
  let decoded = text;
  const source = bytes;
  const spec: SpecFile = {
    file,
    key,
    value,
    format,
    get text(): string {
      decoded ??= source ? decodeTextBytes({ bytes: source }) : "";
      return decoded;
    },
  };
  sizes.set(spec, bytes ? bytes.length : (text ?? "").length);
  if (bytes) sources.set(spec, bytes);
  return spec;
}

/** The bytes a file was read from, when it was read as bytes (cheaper to send to a worker than its text). */
export function specFileBytes(spec: SpecFile): Buffer | undefined {
  return sources.get(spec);
}

/** Size of a file without decoding it: bytes when read as bytes, else characters. */
export function specFileSize(spec: SpecFile): number {
  return sizes.get(spec) ?? spec.text.length;
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
