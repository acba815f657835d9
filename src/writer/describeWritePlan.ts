import { isChange, type WritePlan } from "./WritePlan.js";
import { shortDiff } from "./shortDiff.js";

const verbs = { create: "create", update: "update", merge: "add to", delete: "delete" } as const;

/**
 * Lines describing a plan: one per file that changes (`create src/x.ts`, `add to src/handlers.ts: createPet`),
 * optionally with a short diff under each (for `check`). Unchanged and kept files are counted, not listed.
 */
export function describeWritePlan({ plan, diff = false, maxDiffFiles = 10 }: { plan: WritePlan; diff?: boolean; maxDiffFiles?: number }): string[] {
  const lines: string[] = [];
  let diffs = 0;
  for (const action of plan.actions) {
    if (!isChange(action)) continue;
    const suffix = action.kind === "merge" ? `: ${action.added.join(", ")}` : "";
    lines.push(`${verbs[action.kind]} ${action.path}${suffix}`);
    if (!diff || diffs >= maxDiffFiles) continue;
    const before = action.kind === "create" ? "" : action.previous;
    const after = action.kind === "delete" ? "" : action.content;
    diffs++;
    for (const line of shortDiff({ before, after })) lines.push(`    ${line}`);
  }
  if (diff && diffs >= maxDiffFiles) {
    const more = plan.actions.filter(isChange).length - diffs;
    if (more > 0) lines.push(`(diffs of ${more} more file${more === 1 ? "" : "s"} not shown)`);
  }
  return lines;
}

/** `3 created, 1 updated, 0 deleted, 120 unchanged` */
export function summarizeWritePlan(plan: WritePlan): string {
  const count = (kind: string) => plan.actions.filter((a) => a.kind === kind).length;
  const parts = [`${count("create")} created`, `${count("update")} updated`];
  const merged = count("merge");
  if (merged > 0) parts.push(`${merged} user file${merged === 1 ? "" : "s"} extended`);
  parts.push(`${count("delete")} deleted`, `${count("unchanged")} unchanged`);
  const kept = count("keep");
  if (kept > 0) parts.push(`${kept} kept`);
  return parts.join(", ");
}
