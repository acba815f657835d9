import type { Diagnostic, Operation, Source } from "../ir/types.js";
import { allocateNames } from "./allocateNames.js";
import { isIdentifier, pascalCase } from "./caseConversion.js";
import { fileStem } from "./fileStem.js";
import type { GroupNames } from "./NameTable.js";

/** The file stem of the group of operations without tags. */
export const defaultGroupFile = "default";

/** A tag's file stem; a Windows device name (`aux`) is written as `aux-tag`. */
function fileBase(tag: string): string {
  return fileStem({ name: tag, fallback: "tag" });
}

function typeBase(file: string): string {
  const base = pascalCase(file) || "Group";
  return isIdentifier(base) ? base : `_${base}`;
}

/** Where a tag is reported: its first use, by operationId (never the order the spec lists operations in). */
function tagSource(op: Operation): Source {
  return { ...op.source, pointer: `${op.source.pointer}/tags/0` };
}

/**
 * The group of every operation (by operationId): its first tag, or the `default` group when it has none. File stems
 * are kebab-case (so tags that differ only in case or punctuation, `Pets` and `pets`, would share one: the smallest
 * tag keeps it, the others get a numeric suffix and a VX401 warning), and a tag that would take `default` while some
 * operations have no tag gets a suffix too. Type prefixes are the stems in PascalCase. One `GroupNames` object per
 * group; the result depends only on the operations' ids and first tags.
 */
export function resolveOperationGroups({ operations, diagnostics }: { operations: readonly Operation[]; diagnostics: Diagnostic[] }): Map<string, GroupNames> {
  const firstUse = new Map<string, Operation>();
  let untagged: Operation | undefined;
  for (const op of operations) {
    const tag = op.tags[0];
    if (tag === undefined) {
      if (!untagged || op.operationId < untagged.operationId) untagged = op;
      continue;
    }
    const known = firstUse.get(tag);
    if (!known || op.operationId < known.operationId) firstUse.set(tag, op);
  }
  const files = allocateNames({
    candidates: [...firstUse].map(([tag, op]) => ({ original: tag, base: fileBase(tag), source: tagSource(op), what: "tag" })),
    taken: new Set(untagged ? [defaultGroupFile] : []),
    diagnostics,
    help: "operations are grouped into files by their first tag, and these tags give one file name: rename one of them in the spec",
  });
  // The stems are unique; their PascalCase forms nearly always are (`a-b2` and `a-b-2` are not: one gets a suffix).
  const stems = [...files.values(), ...(untagged ? [defaultGroupFile] : [])];
  const types = allocateNames({
    candidates: stems.map((file) => ({ original: file, base: typeBase(file), source: untagged?.source ?? { kind: "openapi", file: "", pointer: "" }, what: "group" })),
    taken: new Set(),
    diagnostics: [],
  });
  const group = (tag: string | undefined, file: string): GroupNames => ({ tag, file, type: types.get(file) ?? typeBase(file) });
  const byTag = new Map<string, GroupNames>();
  for (const [tag, file] of files) byTag.set(tag, group(tag, file));
  const defaultGroup = untagged ? group(undefined, defaultGroupFile) : undefined;
  const result = new Map<string, GroupNames>();
  for (const op of operations) {
    const tag = op.tags[0];
    const found = tag === undefined ? defaultGroup : byTag.get(tag);
    if (found) result.set(op.operationId, found);
  }
  return result;
}
