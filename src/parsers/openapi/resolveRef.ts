import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Cursor, SpecFile } from "./SpecFile.js";
import { appendPointer, isRecord, splitPointer } from "./jsonPointer.js";

export type RefFailureCode = "VX104" | "VX105" | "VX106" | "VX116";

export type ResolveRefResult = { ok: true; cursor: Cursor } | { ok: false; code: RefFailureCode; message: string };

/** Where a `$ref` string points: the key of the target file (absolute path or URL) and the fragment (a pointer). */
export type RefAddress = { ok: true; key: string; remote: boolean; fragment: string } | { ok: false; code: "VX116"; message: string };

const MAX_HOPS = 64;

export function isRemoteUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** Addresses by referring file key (an address depends on nothing else, so runs of a watch share them); bounded. */
const addressMemo = new Map<string, Map<string, RefAddress>>();
const MAX_MEMO_FILES = 1000;

/** Splits `$ref` into target file and fragment, resolving the file part against the referring file (memoised per file). */
export function refAddress({ from, ref }: { from: SpecFile; ref: string }): RefAddress {
  let memo = addressMemo.get(from.key);
  if (!memo) {
    if (addressMemo.size >= MAX_MEMO_FILES) addressMemo.clear();
    memo = new Map();
    addressMemo.set(from.key, memo);
  }
  let address = memo.get(ref);
  if (!address) {
    address = computeRefAddress({ from, ref });
    memo.set(ref, address);
  }
  return address;
}

function computeRefAddress({ from, ref }: { from: SpecFile; ref: string }): RefAddress {
  const hash = ref.indexOf("#");
  const location = hash === -1 ? ref : ref.slice(0, hash);
  let fragment = hash === -1 ? "" : ref.slice(hash + 1);
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    return { ok: false, code: "VX116", message: `$ref "${ref}" has an invalid percent-encoding` };
  }
  if (fragment !== "" && !fragment.startsWith("/")) {
    return { ok: false, code: "VX116", message: `$ref "${ref}" has a fragment that is not a JSON pointer (plain-name anchors are not supported)` };
  }
  if (location === "") return { ok: true, key: from.key, remote: isRemoteUrl(from.key), fragment };
  if (isRemoteUrl(location)) return { ok: true, key: new URL(location).href, remote: true, fragment };
  if (isRemoteUrl(from.key)) return { ok: true, key: new URL(location, from.key).href, remote: true, fragment };
  if (/^file:/i.test(location)) return { ok: true, key: fileURLToPath(location), remote: false, fragment };
  if (/^[a-z][a-z0-9+.-]+:/i.test(location)) return { ok: false, code: "VX116", message: `$ref "${ref}" uses an unsupported URL scheme` };
  let decoded: string;
  try {
    decoded = decodeURIComponent(location);
  } catch {
    return { ok: false, code: "VX116", message: `$ref "${ref}" has an invalid percent-encoding` };
  }
  return { ok: true, key: path.resolve(path.dirname(from.key), decoded), remote: false, fragment };
}

/**
 * Resolves one `$ref` (not the chain: the target may itself be a `$ref`). `$ref`s met half-way along the fragment
 * are followed, as JSON Reference resolvers do.
 */
export function resolveRef({ files, from, ref, hops = 0 }: { files: ReadonlyMap<string, SpecFile>; from: SpecFile; ref: string; hops?: number }): ResolveRefResult {
  let perFile = memos.get(files);
  if (!perFile) {
    perFile = new WeakMap();
    memos.set(files, perFile);
  }
  let memo = perFile.get(from);
  if (!memo) {
    memo = new Map();
    perFile.set(from, memo);
  }
  const known = memo.get(ref);
  if (known) return known;
  const result = resolveUncached({ files, from, ref, hops });
  memo.set(ref, result);
  return result;
}

/** Results per file set and referring file: documents are immutable once loaded, and big specs resolve the same `$ref` thousands of times. */
const memos = new WeakMap<ReadonlyMap<string, SpecFile>, WeakMap<SpecFile, Map<string, ResolveRefResult>>>();

function resolveUncached({ files, from, ref, hops }: { files: ReadonlyMap<string, SpecFile>; from: SpecFile; ref: string; hops: number }): ResolveRefResult {
  const address = refAddress({ from, ref });
  if (!address.ok) return address;
  const file = files.get(address.key);
  if (!file) {
    if (address.remote) return { ok: false, code: "VX105", message: `remote $ref "${ref}" was not loaded` };
    return { ok: false, code: "VX106", message: `$ref "${ref}" names a file that could not be read` };
  }
  const { segments, pointers } = fragmentParts(address.fragment);
  let cursor: Cursor = { file, pointer: "", value: file.value };
  // While no `$ref` is passed through, the pointer reached is the fragment's own prefix (made once per fragment).
  let direct = true;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    let current = cursor.value;
    if (isRecord(current) && typeof current.$ref === "string" && !Object.prototype.hasOwnProperty.call(current, segment)) {
      if (hops >= MAX_HOPS) return { ok: false, code: "VX104", message: `$ref "${ref}" goes through too many nested $refs` };
      const inner = resolveRef({ files, from: cursor.file, ref: current.$ref, hops: hops + 1 });
      if (!inner.ok) return inner;
      cursor = inner.cursor;
      current = cursor.value;
      direct = false;
    }
    let next: unknown;
    if (Array.isArray(current) && /^(0|[1-9][0-9]*)$/.test(segment)) next = current[Number(segment)];
    else if (isRecord(current) && Object.prototype.hasOwnProperty.call(current, segment)) next = current[segment];
    if (next === undefined) {
      return { ok: false, code: "VX104", message: `$ref "${ref}" cannot be resolved: ${file.file} has nothing at "${address.fragment}"` };
    }
    cursor = { file: cursor.file, pointer: direct ? (pointers[i] as string) : appendPointer({ pointer: cursor.pointer, segments: [segment] }), value: next };
  }
  return { ok: true, cursor };
}

/** Segments of a fragment and the pointer of each prefix, by fragment (bounded: specs have a few thousand). */
const fragmentMemo = new Map<string, { segments: string[]; pointers: string[] }>();

function fragmentParts(fragment: string): { segments: string[]; pointers: string[] } {
  let parts = fragmentMemo.get(fragment);
  if (!parts) {
    if (fragmentMemo.size >= 100_000) fragmentMemo.clear();
    const segments = splitPointer(fragment) ?? [];
    const pointers: string[] = [];
    let pointer = "";
    for (const segment of segments) {
      pointer = appendPointer({ pointer, segments: [segment] });
      pointers.push(pointer);
    }
    parts = { segments, pointers };
    fragmentMemo.set(fragment, parts);
  }
  return parts;
}

/** The `$ref` string of a value, if it is a reference object. */
export function refOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.$ref === "string" ? value.$ref : undefined;
}

/** Follows a chain of `$ref`s to the first value that is not a reference. */
export function followRefs({ files, cursor }: { files: ReadonlyMap<string, SpecFile>; cursor: Cursor }): ResolveRefResult {
  let current = cursor;
  for (let hops = 0; hops < MAX_HOPS; hops++) {
    const ref = refOf(current.value);
    if (ref === undefined) return { ok: true, cursor: current };
    const next = resolveRef({ files, from: current.file, ref });
    if (!next.ok) return next;
    current = next.cursor;
  }
  return { ok: false, code: "VX104", message: "$ref chain is circular or longer than 64 steps" };
}
