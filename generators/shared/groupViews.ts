import type { GroupNames } from "../../src/naming/NameTable.js";
import type { OperationView } from "./operationView.js";

export interface ViewGroup {
  group: GroupNames;
  /** The group's operations in the order of `views` (the IR's). */
  views: OperationView[];
}

/**
 * Operations by group (`names.group`, the resolver's: first tag, or `default`), groups sorted by file stem. Grouped by
 * the stem, not the object: a view reused from the previous run holds that run's (equal) names.
 */
export function groupViews(views: readonly OperationView[]): ViewGroup[] {
  const byFile = new Map<string, ViewGroup>();
  for (const view of views) {
    const group = view.names.group;
    const known = byFile.get(group.file);
    if (known) known.views.push(view);
    else byFile.set(group.file, { group, views: [view] });
  }
  return [...byFile.values()].sort((a, b) => (a.group.file < b.group.file ? -1 : a.group.file > b.group.file ? 1 : 0));
}

/** `the operations tagged \`pets\`` / `the operations without tags`: how doc comments name a group. */
export function groupDescription(group: GroupNames): string {
  return group.tag === undefined ? "the operations without tags" : `the operations tagged ${JSON.stringify(group.tag)}`;
}
