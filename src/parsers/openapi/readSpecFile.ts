import type { Diagnostic } from "../../ir/types.js";
import { decodeInputText, isTextBytes, MAX_INPUT_BYTES, readInputBytes } from "../../util/readTextFile.js";
import { parseSpecText } from "./parseSpecText.js";
import { createSpecFile, type SpecFile } from "./SpecFile.js";
import { spliceJson, splicedJsonOf, type SplicedJson } from "./spliceJson.js";

/** What the previous run read from one file: its bytes, the `SpecFile` made of them, its spans once computed. */
interface LoadedFile {
  bytes: Buffer;
  spec: SpecFile;
  /** Spans for splicing: `undefined` until a change asks for them, `null` when the file cannot be spliced. */
  json: SplicedJson | null | undefined;
}

/** The previous run's state, per absolute path: one entry per file, the oldest dropped beyond `MEMO_BYTES`. */
const memo = new Map<string, LoadedFile>();
let memoBytes = 0;

/** Bytes of file content kept between runs (the parsed values they stand for are kept too, a few times as much). */
export const MEMO_BYTES = 128 * 1024 * 1024;

/** How the last `readSpecFile` of each path went (for tests and benchmarks). */
export type SpecFileReuse = "same" | "spliced" | "parsed";
let lastReuse = new Map<string, SpecFileReuse>();

function remember(key: string, entry: LoadedFile): void {
  const old = memo.get(key);
  if (old) {
    memoBytes -= old.bytes.length;
    memo.delete(key);
  }
  memo.set(key, entry);
  memoBytes += entry.bytes.length;
  for (const [oldest, value] of memo) {
    if (memoBytes <= MEMO_BYTES || oldest === key) break;
    memo.delete(oldest);
    memoBytes -= value.bytes.length;
  }
}

/** Forgets the files read so far (one, by key, or all): the next read parses from scratch (tests; "fresh" comparisons). */
export function clearSpecFileMemo(key?: string): void {
  if (key === undefined) {
    memo.clear();
    memoBytes = 0;
    lastReuse = new Map();
    return;
  }
  const entry = memo.get(key);
  if (entry) memoBytes -= entry.bytes.length;
  memo.delete(key);
  lastReuse.delete(key);
}

/** How each file was last obtained: unchanged (`same`), re-parsed member by member (`spliced`), or parsed whole. */
export function specFileReuse(key: string): SpecFileReuse | undefined {
  return lastReuse.get(key);
}

/**
 * Bytes of input files a caller has just read, by absolute path, for the next `readSpecFile` of that path to use
 * instead of reading the file again: `watch` reads each changed input to tell whether its content changed, and the
 * run that follows would read the same 13 MB again. A run's view of the file is then exactly what the watcher saw.
 * Each offer is used once; `withdrawSpecBytes` drops those left when the run is over.
 */
const offered = new Map<string, Buffer>();

export function offerSpecBytes({ key, bytes }: { key: string; bytes: Buffer }): void {
  offered.set(key, bytes);
}

export function withdrawSpecBytes(): void {
  offered.clear();
}

/** The offered bytes of `key` (once), when they can stand for a read: not empty and within the input size limit. */
function takeOffered(key: string): Buffer | undefined {
  const bytes = offered.get(key);
  offered.delete(key);
  return bytes !== undefined && bytes.length > 0 && bytes.length <= MAX_INPUT_BYTES ? bytes : undefined;
}

export type ReadSpecFileResult = { ok: true; spec: SpecFile } | { ok: false; diagnostic: Diagnostic; stage: "read" | "parse" };

/**
 * Reads and parses one spec file, reusing the previous run's work for the same absolute path: unchanged bytes give
 * the very same `SpecFile` (same `value`); a changed JSON file is re-parsed only where it changed (`spliceJson`), its
 * unchanged members being the previous objects. Results and diagnostics are those of a fresh read and parse.
 */
export async function readSpecFile({ path, key, display, label }: { path: string; key: string; display: string; label: string }): Promise<ReadSpecFileResult> {
  let bytes = takeOffered(key);
  if (bytes === undefined) {
    const read = await readInputBytes({ file: path, label });
    if (!read.ok) return { ok: false, diagnostic: read.diagnostic, stage: "read" };
    bytes = read.bytes;
  }
  const previous = memo.get(key);
  if (previous && previous.bytes.equals(bytes)) {
    lastReuse.set(key, "same");
    if (previous.spec.file === display) return { ok: true, spec: previous.spec };
    const renamed = createSpecFile({ file: display, key, value: previous.spec.value, format: previous.spec.format, bytes });
    remember(key, { ...previous, spec: renamed });
    return { ok: true, spec: renamed };
  }
  if (previous && previous.spec.format === "json" && previous.json !== null && isTextBytes({ bytes })) {
    previous.json ??= splicedJsonOf({ bytes: previous.bytes, value: previous.spec.value }) ?? null;
    const spliced = previous.json ? spliceJson({ previous: previous.json, after: bytes }) : undefined;
    if (spliced) {
      const spec = createSpecFile({ file: display, key, value: spliced.value, format: "json", bytes });
      remember(key, { bytes, spec, json: spliced });
      lastReuse.set(key, "spliced");
      return { ok: true, spec };
    }
  }
  const decoded = decodeInputText({ file: path, label, bytes });
  if (!decoded.ok) return { ok: false, diagnostic: decoded.diagnostic, stage: "read" };
  const parsed = parseSpecText({ file: display, text: decoded.text });
  // A file that does not parse is not remembered: the next version is compared with the last good one.
  if (!parsed.ok) return { ok: false, diagnostic: parsed.diagnostic, stage: "parse" };
  // The text is not kept: the memo holds the file between runs, and 13 MB of bytes decode to a 26 MB string that a
  // one-shot run would otherwise hold until it exits. It is decoded again only if a diagnostic must be located.
  const spec = createSpecFile({ file: display, key, value: parsed.value, format: parsed.format, bytes });
  remember(key, { bytes, spec, json: undefined });
  lastReuse.set(key, "parsed");
  return { ok: true, spec };
}
