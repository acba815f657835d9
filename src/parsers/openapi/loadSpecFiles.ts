import path from "node:path";
import type { Diagnostic } from "../../ir/types.js";
import { createDiagnostic } from "../../diagnostics/createDiagnostic.js";
import { createSpecFile, type SpecFile } from "./SpecFile.js";
import { readSpecFile } from "./readSpecFile.js";
import { appendPointer, encodePointerSegment, isRecord } from "./jsonPointer.js";
import { parseSpecText } from "./parseSpecText.js";
import { refAddress, resolveRef, type RefFailureCode } from "./resolveRef.js";

/** A `$ref` as written: the file it is in, the pointer of the object holding it, and its value. */
export interface RefSite {
  file: SpecFile;
  /** Pointer of the `$ref` member itself (`.../$ref`). */
  pointer: string;
  ref: string;
}

export interface LoadSpecFilesResult {
  /** Every file read, by key (absolute path or URL), the root included. */
  files: Map<string, SpecFile>;
  diagnostics: Diagnostic[];
}

/** Files read at the same time; enough to hide latency on 2,850-file specs without opening too many handles. */
const CONCURRENCY = 32;

/**
 * Reads the closure of files the root reaches by `$ref`, each once: local files relative to the file holding the
 * `$ref`, remote (http/https) ones only when `allowRemoteRefs` is set (else VX105 at the `$ref`). Files that cannot
 * be read give VX106 at the `$ref` naming them; afterwards every `$ref` is checked and a dangling one gives VX104.
 */
export async function loadSpecFiles({ root, allowRemoteRefs }: { root: SpecFile; allowRemoteRefs: boolean }): Promise<LoadSpecFilesResult> {
  const files = new Map<string, SpecFile>([[root.key, root]]);
  const diagnostics: Diagnostic[] = [];
  /** Files in the order their `$ref`s were collected (diagnostics follow it). */
  const scanned: SpecFile[] = [];
  const attempted = new Set<string>([root.key]);
  const failed = new Map<string, string>();
  let frontier: SpecFile[] = [root];

  while (frontier.length > 0) {
    const wanted = new Set<string>();
    for (const file of frontier) {
      scanned.push(file);
      for (const ref of distinctRefs({ file })) {
        const address = refAddress({ from: file, ref });
        if (!address.ok) continue;
        if (address.remote && !allowRemoteRefs) continue;
        if (!attempted.has(address.key)) wanted.add(address.key);
      }
    }
    const entries = [...wanted];
    const loaded: SpecFile[] = [];
    for (let start = 0; start < entries.length; start += CONCURRENCY) {
      const batch = entries.slice(start, start + CONCURRENCY);
      const results = await Promise.all(batch.map((key) => loadOne({ key, root })));
      for (const [i, result] of results.entries()) {
        const key = batch[i] as string;
        attempted.add(key);
        if (result.ok) {
          files.set(key, result.file);
          loaded.push(result.file);
        } else {
          failed.set(key, result.reason);
          if (result.diagnostic) diagnostics.push(result.diagnostic);
        }
      }
    }
    frontier = loaded;
  }

  // Many sites share a `$ref` (GitHub's 10,460 sites have 1,764 distinct ones): each is judged once per file, and
  // the sites of a file are listed (in document order, for the diagnostics) only when one of its `$ref`s is wrong.
  for (const file of scanned) {
    let failing: Map<string, RefOutcome> | undefined;
    for (const ref of distinctRefs({ file })) {
      const outcome = judgeRef({ files, from: file, ref, allowRemoteRefs, failed });
      if (outcome) (failing ??= new Map()).set(ref, outcome);
    }
    if (!failing) continue;
    for (const site of collectRefSites({ file })) {
      const outcome = failing.get(site.ref);
      if (outcome) diagnostics.push(createDiagnostic({ ...outcome, location: { file: site.file.file, pointer: site.pointer } }));
    }
  }
  return { files, diagnostics };
}

interface RefOutcome {
  code: RefFailureCode;
  message: string;
  help?: string;
}

/** What is wrong with a `$ref` of a file (`null`: nothing); the same for every site with that `$ref` in that file. */
function judgeRef({ files, from, ref, allowRemoteRefs, failed }: { files: ReadonlyMap<string, SpecFile>; from: SpecFile; ref: string; allowRemoteRefs: boolean; failed: ReadonlyMap<string, string> }): RefOutcome | null {
  const address = refAddress({ from, ref });
  if (!address.ok) return { code: address.code, message: address.message };
  if (address.remote && !allowRemoteRefs) {
    return {
      code: "VX105",
      message: `remote $ref "${ref}" refused`,
      help: "vendor the referenced document next to the spec, or allow remote references explicitly (allowRemoteRefs)",
    };
  }
  const reason = failed.get(address.key);
  if (reason !== undefined) return { code: "VX106", message: `$ref "${ref}" names a file that cannot be read: ${reason}` };
  const resolved = resolveRef({ files, from, ref });
  return resolved.ok ? null : { code: resolved.code, message: resolved.message };
}

type LoadOneResult = { ok: true; file: SpecFile } | { ok: false; reason: string; diagnostic?: Diagnostic };

async function loadOne({ key, root }: { key: string; root: SpecFile }): Promise<LoadOneResult> {
  const display = displayPath({ key, root });
  if (/^https?:/i.test(key)) {
    let text: string;
    try {
      const response = await fetch(key);
      if (!response.ok) return { ok: false, reason: `HTTP ${response.status}` };
      text = await response.text();
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
    const parsed = parseSpecText({ file: display, text });
    if (!parsed.ok) return { ok: false, reason: `${display} has a syntax error`, diagnostic: parsed.diagnostic };
    return { ok: true, file: createSpecFile({ file: display, key, text, value: parsed.value, format: parsed.format }) };
  }
  const read = await readSpecFile({ path: key, key, display, label: "referenced" });
  if (read.ok) return { ok: true, file: read.spec };
  if (read.stage === "read") return { ok: false, reason: `${read.diagnostic.message} (${read.diagnostic.code})` };
  return { ok: false, reason: `${display} has a syntax error`, diagnostic: read.diagnostic };
}

/** How a referenced file is named in diagnostics: relative to the root file as the user named it. */
export function displayPath({ key, root }: { key: string; root: SpecFile }): string {
  if (/^https?:/i.test(key)) return key;
  const relative = path.relative(path.dirname(root.key), key);
  return path.normalize(path.join(path.dirname(root.file), relative)).split(path.sep).join("/");
}

/** A `$ref` below some object: the pointer of the `$ref` member relative to that object, and its value. */
interface LocalRefSite {
  pointer: string;
  ref: string;
}

/**
 * Objects at these depths remember their `$ref`s (`/paths/{p}` and `/paths/{p}/{method}`, `/components/schemas` and
 * `/components/schemas/{name}`, `/definitions/{name}`, ...); above them sites are written out directly.
 */
const MEMO_FROM = 2;
const MEMO_TO = 3;
const localSitesMemo = new WeakMap<object, readonly LocalRefSite[]>();
const fileSitesMemo = new WeakMap<SpecFile, RefSite[]>();

/** Calls `each` for every object member (or item) of a value, with its pointer segment, in document order. */
function forEachChild(value: object, each: (segment: string, child: object) => void): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === "object" && item !== null) each(String(i), item);
    }
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const member = record[key];
    if (key === "$ref" && typeof member === "string") continue;
    if (typeof member === "object" && member !== null) each(encodePointerSegment(key), member);
  }
}

/** `forEachChild` without the pointer segments (the same members, in the same order). */
function forEachChildValue(value: object, each: (child: object) => void): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === "object" && item !== null) each(item);
    }
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const member = record[key];
    if (key === "$ref" && typeof member === "string") continue;
    if (typeof member === "object" && member !== null) each(member);
  }
}

/**
 * The `$ref`s below an object at a memoised depth, in document order (an object's own `$ref` first, then its
 * members'), memoised by identity: a re-parsed file shares its unchanged members with the previous run, and so do
 * their `$ref`s. Deeper levels go iteratively (`deepSites`), so any nesting depth is safe.
 */
function localSites(value: object, depth: number): readonly LocalRefSite[] {
  if (depth > MEMO_TO) return deepSites(value);
  const known = localSitesMemo.get(value);
  if (known) return known;
  const sites: LocalRefSite[] = [];
  const own = Array.isArray(value) ? undefined : (value as Record<string, unknown>).$ref;
  if (typeof own === "string") sites.push({ pointer: "/$ref", ref: own });
  forEachChild(value, (segment, child) => {
    const prefix = `/${segment}`;
    for (const site of localSites(child, depth + 1)) sites.push({ pointer: prefix + site.pointer, ref: site.ref });
  });
  localSitesMemo.set(value, sites);
  return sites;
}

/** Writes the sites of a value above the memoised depths into `out`, with `prefix` as the value's pointer. */
function emitSites({ value, depth, prefix, file, out }: { value: object; depth: number; prefix: string; file: SpecFile; out: RefSite[] }): void {
  if (depth >= MEMO_FROM) {
    for (const site of localSites(value, depth)) out.push({ file, pointer: prefix + site.pointer, ref: site.ref });
    return;
  }
  const own = Array.isArray(value) ? undefined : (value as Record<string, unknown>).$ref;
  if (typeof own === "string") out.push({ file, pointer: `${prefix}/$ref`, ref: own });
  forEachChild(value, (segment, child) => emitSites({ value: child, depth: depth + 1, prefix: `${prefix}/${segment}`, file, out }));
}

function deepSites(root: object): LocalRefSite[] {
  const sites: LocalRefSite[] = [];
  interface Frame {
    value: unknown;
    segment: string;
    parent: Frame | undefined;
  }
  const pointerOf = (frame: Frame | undefined, last: string): string => {
    const segments = [last];
    for (let f = frame; f?.parent !== undefined; f = f.parent) segments.push(f.segment);
    return appendPointer({ pointer: "", segments: segments.reverse() });
  };
  const stack: Frame[] = [{ value: root, segment: "", parent: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const value = frame.value;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item: unknown = value[i];
        if (typeof item === "object" && item !== null) stack.push({ value: item, segment: String(i), parent: frame });
      }
    } else if (isRecord(value)) {
      const keys = Object.keys(value);
      for (let k = keys.length - 1; k >= 0; k--) {
        const key = keys[k] as string;
        const member = value[key];
        if (key === "$ref" && typeof member === "string") sites.push({ pointer: pointerOf(frame, "$ref"), ref: member });
        else if (typeof member === "object" && member !== null) stack.push({ value: member, segment: key, parent: frame });
      }
    }
  }
  return sites;
}

const distinctMemo = new WeakMap<SpecFile, readonly string[]>();
const localDistinctMemo = new WeakMap<object, readonly string[]>();

/**
 * The different `$ref` strings below an object, in order of first use (its own `$ref` first, then its members'), as
 * `localSites` lists them. Memoised by identity from depth 1 on (`/paths`, `/components`, ...): an unchanged section
 * or member is the same object as last run, and what is below it is then the same too (parsed values are never changed).
 * The order is that of the file's sites: distinct values of a concatenation are the members' distinct values joined
 * in order, each kept at its first use.
 */
function distinctBelow(value: object, depth: number): readonly string[] {
  if (depth >= MEMO_FROM) {
    const known = localDistinctMemo.get(value);
    if (known) return known;
    const refs = [...new Set(localSites(value, depth).map((site) => site.ref))];
    localDistinctMemo.set(value, refs);
    return refs;
  }
  const known = depth >= 1 ? localDistinctMemo.get(value) : undefined;
  if (known) return known;
  const seen = new Set<string>();
  const own = Array.isArray(value) ? undefined : (value as Record<string, unknown>).$ref;
  if (typeof own === "string") seen.add(own);
  forEachChildValue(value, (child) => {
    for (const ref of distinctBelow(child, depth + 1)) seen.add(ref);
  });
  const refs = [...seen];
  if (depth >= 1) localDistinctMemo.set(value, refs);
  return refs;
}

/** The different `$ref` strings of a file, in order of first use (the order of `collectRefSites`). */
function distinctRefs({ file }: { file: SpecFile }): readonly string[] {
  let refs = distinctMemo.get(file);
  if (!refs) {
    const value = file.value;
    refs = typeof value === "object" && value !== null ? distinctBelow(value, 0) : [];
    distinctMemo.set(file, refs);
  }
  return refs;
}

/** Every `$ref` in a file (the `$ref` member must be a string; others are left to structural validation). */
export function collectRefSites({ file }: { file: SpecFile }): RefSite[] {
  const known = fileSitesMemo.get(file);
  if (known) return known;
  const value = file.value;
  const sites: RefSite[] = [];
  if (typeof value === "object" && value !== null) emitSites({ value, depth: 0, prefix: "", file, out: sites });
  fileSitesMemo.set(file, sites);
  return sites;
}
