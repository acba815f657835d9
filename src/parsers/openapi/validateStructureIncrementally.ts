import type { SpecVersion } from "./ReadContext.js";
import type { SpecFile } from "./SpecFile.js";
import type { AjvError } from "./cachedSchemaValidator.js";
import { encodePointerSegment, isRecord } from "./jsonPointer.js";
import { structureErrors, type StructureErrors } from "./validateStructure.js";

/**
 * Structural validation of an edited document by validating only what changed.
 *
 * The OpenAPI schemas validate each member of `/paths`, `/webhooks`, `/components/{section}` (2.0: `/paths`,
 * `/definitions`, `/parameters`, `/responses`) by its key and value alone, so Ajv's raw errors below a member depend on
 * nothing else, and errors on the container itself name the member they are about (`additionalProperty`,
 * `unevaluatedProperty`, `propertyName`). When everything outside those members is the very same (`===`) as in the
 * previous run, the new raw errors are: the previous ones outside the changed members, plus those of a reduced
 * document (same skeleton, only the changed members) inside them. Whenever that reasoning does not clearly apply the
 * caller validates the whole document, so diagnostics are always those of a full validation.
 */

/** Where the member containers are, per version (pointer segments). */
function containersOf(version: SpecVersion): string[][] {
  if (version === "2.0") return [["paths"], ["definitions"], ["parameters"], ["responses"]];
  const sections = ["schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links", "callbacks"];
  if (version === "3.1") sections.push("pathItems");
  return [["paths"], ...(version === "3.1" ? [["webhooks"]] : []), ...sections.map((s) => ["components", s])];
}

/** The previous run of one root document: its value and its raw errors, sorted by where they are. */
interface StructureState {
  version: SpecVersion;
  value: Record<string, unknown>;
  /** Errors outside every member container (and not on a container itself). */
  skeleton: AjvError[];
  /** Per container pointer: errors on the container itself, and errors below each member, by member key. */
  containers: Map<string, { own: AjvError[]; members: Map<string, AjvError[]> }>;
}

const states = new Map<string, StructureState>();
/** Root documents remembered (watch runs one or a few). */
const MAX_STATES = 8;

/** How the last validation of each root went: from the changed members only, or whole (for tests and benchmarks). */
const modes = new Map<string, "incremental" | "full">();

/** Forgets the previous validations (of one root file, by key, or of all). */
export function clearStructureMemo(key?: string): void {
  if (key === undefined) {
    states.clear();
    modes.clear();
  } else {
    states.delete(key);
    modes.delete(key);
  }
}

export function structureMode(key: string): "incremental" | "full" | undefined {
  return modes.get(key);
}

function pointerOf(segments: readonly string[]): string {
  return segments.map((s) => `/${encodePointerSegment(s)}`).join("");
}

function at(value: Record<string, unknown>, segments: readonly string[]): unknown {
  let current: unknown = value;
  for (const segment of segments) current = isRecord(current) && Object.prototype.hasOwnProperty.call(current, segment) ? current[segment] : undefined;
  return current;
}

/** The member key an error on a container is about, if it names one. */
function keyOfContainerError(error: AjvError): string | undefined {
  const p = error.params;
  for (const name of ["additionalProperty", "unevaluatedProperty", "propertyName"]) if (typeof p[name] === "string") return p[name] as string;
  return undefined;
}

/** Sorts raw errors into skeleton, container and member errors (`undefined` when a member key cannot be told). */
function partition({ errors, version, value }: { errors: AjvError[]; version: SpecVersion; value: Record<string, unknown> }): Omit<StructureState, "version" | "value"> | undefined {
  const containers = new Map<string, { own: AjvError[]; members: Map<string, AjvError[]> }>();
  const prefixes: { pointer: string; keys: Map<string, string> }[] = [];
  for (const segments of containersOf(version)) {
    const pointer = pointerOf(segments);
    containers.set(pointer, { own: [], members: new Map() });
    const container = at(value, segments);
    // Encoded member segment -> key, so that a path is matched to its member without decoding it.
    const keys = new Map<string, string>();
    if (isRecord(container)) for (const key of Object.keys(container)) keys.set(encodePointerSegment(key), key);
    prefixes.push({ pointer, keys });
  }
  const skeleton: AjvError[] = [];
  for (const error of errors) {
    const path = error.instancePath;
    let placed = false;
    for (const { pointer, keys } of prefixes) {
      if (path === pointer) {
        containers.get(pointer)?.own.push(error);
        placed = true;
        break;
      }
      if (path.startsWith(`${pointer}/`)) {
        const rest = path.slice(pointer.length + 1);
        const slash = rest.indexOf("/");
        const key = keys.get(slash < 0 ? rest : rest.slice(0, slash));
        if (key === undefined) return undefined;
        const members = containers.get(pointer)?.members;
        const list = members?.get(key) ?? [];
        list.push(error);
        members?.set(key, list);
        placed = true;
        break;
      }
    }
    if (!placed) skeleton.push(error);
  }
  return { skeleton, containers };
}

/** Records a full validation's raw errors for the next run. */
export function rememberStructure({ files, root, version, found }: { files: ReadonlyMap<string, SpecFile>; root: SpecFile; version: SpecVersion; found: StructureErrors }): void {
  states.delete(root.key);
  modes.set(root.key, "full");
  if (found.kind !== "errors" || !isRecord(root.value) || files.size !== 1) return;
  const parts = partition({ errors: found.errors, version, value: root.value });
  if (!parts) return;
  states.set(root.key, { version, value: root.value, ...parts });
  for (const key of states.keys()) {
    if (states.size <= MAX_STATES) break;
    states.delete(key);
  }
}

function sameKeys(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

/**
 * The raw errors of the whole document, computed from the previous run's and a validation of the changed members
 * only; `undefined` when that does not apply (no previous run, another version, more than one file, anything outside
 * the member containers changed, a container-level error about a changed member, ...).
 */
export function structureErrorsIncrementally({
  files,
  root,
  version,
  big = false,
}: {
  files: ReadonlyMap<string, SpecFile>;
  root: SpecFile;
  version: SpecVersion;
  /** A document big enough to be validated on another thread: then only a small change is validated here. */
  big?: boolean;
}): StructureErrors | undefined {
  const previous = states.get(root.key);
  const value = root.value;
  if (!previous || previous.version !== version || files.size !== 1 || !isRecord(value)) return undefined;
  if (previous.value === value) {
    modes.set(root.key, "incremental");
    return { kind: "errors", errors: flatten(previous, value, version) };
  }
  const old = previous.value;
  const segmentsList = containersOf(version);
  const containerRoots = new Set(segmentsList.map((s) => s[0] as string));

  // The skeleton: same keys in the same order, every member the same object, containers objects on both sides.
  const sameSkeleton = (a: Record<string, unknown>, b: Record<string, unknown>, depth: number): boolean => {
    if (!sameKeys(a, b)) return false;
    for (const key of Object.keys(a)) {
      const x = a[key];
      const y = b[key];
      const nested = depth === 0 && containerRoots.has(key);
      if (!nested) {
        if (x !== y) return false;
        continue;
      }
      if (!isRecord(x) || !isRecord(y)) return false;
      const isContainer = segmentsList.some((s) => s.length === 1 && s[0] === key);
      if (isContainer) continue;
      // `/components`: its sections are containers, anything else must be unchanged.
      if (!sameKeys(x, y)) return false;
      for (const section of Object.keys(x)) {
        const inner = segmentsList.some((s) => s.length === 2 && s[0] === key && s[1] === section);
        if (inner ? !isRecord(x[section]) || !isRecord(y[section]) : x[section] !== y[section]) return false;
      }
    }
    return true;
  };
  if (!sameSkeleton(old, value, 0)) return undefined;

  // The changed members of each container, and a reduced document holding only them.
  const reduced: Record<string, unknown> = { ...value };
  const changedByContainer = new Map<string, string[]>();
  let anyChange = false;
  let changedCount = 0;
  let memberCount = 0;
  for (const segments of segmentsList) {
    const pointer = pointerOf(segments);
    const now = at(value, segments);
    const before = at(old, segments);
    if (now === undefined && before === undefined) continue;
    if (!isRecord(now) || !isRecord(before)) return undefined;
    const changed = Object.keys(now).filter((key) => !Object.prototype.hasOwnProperty.call(before, key) || before[key] !== now[key]);
    const removed = Object.keys(before).filter((key) => !Object.prototype.hasOwnProperty.call(now, key));
    const own = previous.containers.get(pointer)?.own ?? [];
    if (own.length > 0) {
      // Errors on the container itself are kept only when none is about a changed member and the members they are
      // about keep their order.
      const touched = new Set([...changed, ...removed]);
      for (const error of own) {
        const key = keyOfContainerError(error);
        if (key === undefined || touched.has(key)) return undefined;
      }
      const kept = Object.keys(before).filter((key) => !touched.has(key));
      const keptNow = Object.keys(now).filter((key) => !touched.has(key));
      if (kept.length !== keptNow.length || kept.some((k, i) => k !== keptNow[i])) return undefined;
    }
    if (changed.length + removed.length > 0) anyChange = true;
    changedCount += changed.length;
    memberCount += Object.keys(now).length;
    changedByContainer.set(pointer, changed);
    const subset: Record<string, unknown> = {};
    for (const key of changed) subset[key] = now[key];
    if (segments.length === 1) reduced[segments[0] as string] = subset;
    else {
      const parent = segments[0] as string;
      const copy = reduced[parent] === value[parent] ? { ...(value[parent] as Record<string, unknown>) } : (reduced[parent] as Record<string, unknown>);
      copy[segments[1] as string] = subset;
      reduced[parent] = copy;
    }
  }
  if (!anyChange) return undefined;
  // A re-parsed YAML file has nothing in common with the previous value: validating it all here would only take the
  // work off the other thread.
  if (big && changedCount * 4 > memberCount) return undefined;

  const reducedRoot: SpecFile = { file: root.file, key: root.key, text: "", value: reduced, format: root.format };
  const found = structureErrors({ files: new Map([[root.key, reducedRoot]]), root: reducedRoot, version });
  if (found.kind !== "errors") return undefined;
  const fresh = partition({ errors: found.errors, version, value: reduced });
  if (!fresh) return undefined;
  // The skeleton validated again must give what it gave before (it is the same); container errors of the reduced
  // document would be about changed members (or artefacts of leaving members out): both are left to a full run.
  if (JSON.stringify(fresh.skeleton) !== JSON.stringify(previous.skeleton)) return undefined;
  for (const container of fresh.containers.values()) if (container.own.length > 0) return undefined;

  const containers = new Map<string, { own: AjvError[]; members: Map<string, AjvError[]> }>();
  for (const segments of segmentsList) {
    const pointer = pointerOf(segments);
    const now = at(value, segments);
    const members = new Map<string, AjvError[]>();
    const changed = new Set(changedByContainer.get(pointer) ?? []);
    const before = previous.containers.get(pointer)?.members;
    const after = fresh.containers.get(pointer)?.members;
    // Only keys with errors are kept: with none before or now (a valid document), no member needs looking at.
    if (isRecord(now) && (before?.size ?? 0) + (after?.size ?? 0) > 0) {
      for (const key of Object.keys(now)) {
        const list = changed.has(key) ? after?.get(key) : before?.get(key);
        if (list && list.length > 0) members.set(key, list);
      }
    }
    containers.set(pointer, { own: previous.containers.get(pointer)?.own ?? [], members });
  }
  const next: StructureState = { version, value, skeleton: previous.skeleton, containers };
  states.delete(root.key);
  states.set(root.key, next);
  modes.set(root.key, "incremental");
  return { kind: "errors", errors: flatten(next, value, version) };
}

/** All raw errors of a state (per place in the order Ajv gave them; places in document order). */
function flatten(state: StructureState, value: Record<string, unknown>, version: SpecVersion): AjvError[] {
  const errors = [...state.skeleton];
  for (const segments of containersOf(version)) {
    const container = state.containers.get(pointerOf(segments));
    if (!container) continue;
    for (const error of container.own) errors.push(error);
    // In document order of the members that have errors (none: nothing to walk).
    if (container.members.size === 0) continue;
    const now = at(value, segments);
    if (!isRecord(now)) continue;
    for (const key of Object.keys(now)) {
      const list = container.members.get(key);
      if (list) for (const error of list) errors.push(error);
    }
  }
  return errors;
}
