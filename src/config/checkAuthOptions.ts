import type { AuthOptions } from "../targets/TargetPlugin.js";
import { isIpRange } from "../util/isIpRange.js";

/** A problem of `options.auth` a schema cannot see, at its path under `auth`. */
export interface AuthOptionsProblem {
  path: (string | number)[];
  message: string;
  help: string;
}

/** The first cycle of a role hierarchy (`["a", "b", "a"]`), or `undefined`. */
export function roleHierarchyCycle(hierarchy: Readonly<Record<string, readonly string[]>>): string[] | undefined {
  const edges = new Map(Object.entries(hierarchy));
  const finished = new Set<string>();
  const visit = (role: string, path: string[]): string[] | undefined => {
    if (path.includes(role)) return [...path.slice(path.indexOf(role)), role];
    if (finished.has(role)) return undefined;
    for (const next of edges.get(role) ?? []) {
      const cycle = visit(next, [...path, role]);
      if (cycle) return cycle;
    }
    finished.add(role);
    return undefined;
  };
  for (const role of [...edges.keys()].sort()) {
    const cycle = visit(role, []);
    if (cycle) return cycle;
  }
  return undefined;
}

/**
 * What the generated server could not enforce in `options.auth` (already valid against the config schema): an empty
 * `ipAllow` (it would deny every client), an entry that is not an IPv4/IPv6 address or CIDR range, a cycle in
 * `roleHierarchy`.
 */
export function checkAuthOptions(auth: AuthOptions): AuthOptionsProblem[] {
  const problems: AuthOptionsProblem[] = [];
  if (auth.ipAllow?.length === 0) {
    problems.push({ path: ["ipAllow"], message: "auth.ipAllow: an empty list would deny every client", help: "leave ipAllow out to allow every address, or list the addresses allowed" });
  }
  for (const [index, range] of (auth.ipAllow ?? []).entries()) {
    if (isIpRange(range)) continue;
    problems.push({
      path: ["ipAllow", index],
      message: `auth.ipAllow: ${JSON.stringify(range)} is not an IPv4 or IPv6 address or CIDR range`,
      help: 'write an address ("127.0.0.1", "::1") or a range ("10.0.0.0/8", "2001:db8::/32"); host names are not accepted',
    });
  }
  const cycle = roleHierarchyCycle(auth.roleHierarchy ?? {});
  if (cycle?.[0] !== undefined) {
    problems.push({
      path: ["roleHierarchy", cycle[0]],
      message: `auth.roleHierarchy has a cycle: ${cycle.map((role) => JSON.stringify(role)).join(" -> ")}`,
      help: "a role implies the roles below it; remove the entry that leads back up",
    });
  }
  return problems;
}
