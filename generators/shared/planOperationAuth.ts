import type { Operation } from "../../src/ir/types.js";

/**
 * Who an operation lets in, as its `<Operation>Auth` type (the handler's `context.auth`) says: `open` (no security,
 * or only the anonymous alternative: nothing in `context.auth`), `none` (every alternative names a scheme the spec
 * does not define: no request passes), or the distinct alternatives that can pass, each the schemes it needs (an
 * empty one: anonymous), with every scheme they name in the order they first appear.
 */
export type OperationAuthPlan =
  | { kind: "open" }
  | { kind: "none" }
  | { kind: "principals"; schemes: readonly string[]; alternatives: readonly (readonly string[])[] };

/**
 * The plan of one operation's auth type, from the alternatives its route checks (an anonymous one is dropped next to
 * roles, as the route row drops it) and the schemes the spec defines (`schemeNames`).
 */
export function planOperationAuth({ op, schemeNames }: { op: Operation; schemeNames: ReadonlySet<string> }): OperationAuthPlan {
  const checked = op.roles === undefined ? op.security : op.security.filter((alternative) => alternative.schemes.length > 0);
  if (checked.length === 0) return { kind: "open" };
  const passable = checked.map((alternative) => alternative.schemes.map((s) => s.name)).filter((names) => names.every((name) => schemeNames.has(name)));
  if (passable.length === 0) return { kind: "none" };
  const seen = new Set<string>();
  const alternatives: string[][] = [];
  for (const names of passable) {
    const key = [...new Set(names)].sort().join("\u0000");
    if (seen.has(key)) continue;
    seen.add(key);
    alternatives.push([...new Set(names)]);
  }
  const schemes = [...new Set(alternatives.flat())];
  return schemes.length === 0 ? { kind: "open" } : { kind: "principals", schemes, alternatives };
}
