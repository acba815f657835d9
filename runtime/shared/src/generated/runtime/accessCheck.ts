import { BlockList, isIP } from "node:net";
import { ApiError } from "./errors.js";

/** Role -> the roles it implies (`{ admin: ["staff"], staff: ["member"] }`: an admin is also staff and a member). */
export type RoleHierarchy = Readonly<Record<string, readonly string[]>>;

/**
 * The authorization settings of the whole API (vx.config `options.auth`, or the app's `access` option): the role
 * hierarchy, and the client addresses allowed to call an operation that has no `x-vx-ip-allow` of its own (absent:
 * every address).
 */
export interface AccessSettings {
  roleHierarchy?: RoleHierarchy;
  ipAllow?: readonly string[];
}

/** What one operation asks (`x-vx-roles`, `x-vx-ip-allow`), as its route row says. */
export interface OperationAccess {
  roles?: readonly string[];
  ipAllow?: readonly string[];
}

/** Settings that cannot be enforced (an invalid address range, a cycle in the role hierarchy): the server does not start. */
export class InvalidAccessSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidAccessSettingsError";
  }
}

/** One allow-list entry: an address (`127.0.0.1`, `::1`) or a CIDR range (`10.0.0.0/8`, `2001:db8::/32`). */
export interface IpRange {
  address: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

/** An allow-list entry read, or `undefined` when it is not an IPv4/IPv6 address or range (zone ids are refused). */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf("/");
  const address = slash < 0 ? text : text.slice(0, slash);
  const version = address.includes("%") ? 0 : isIP(address);
  if (version === 0) return undefined;
  const max = version === 4 ? 32 : 128;
  const prefixText = slash < 0 ? String(max) : text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || Number(prefixText) > max) return undefined;
  return { address, prefix: Number(prefixText), family: version === 4 ? "ipv4" : "ipv6" };
}

/** `::ffff:127.0.0.1` -> `127.0.0.1`: an IPv4 client on a dual-stack socket matches its IPv4 rule. */
function unmapped(ip: string): string {
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip) ? ip.slice(7) : ip;
}

/** How many client addresses an allow list remembers its answer for (then it starts again: memory stays bounded). */
const rememberedAddresses = 1024;

/**
 * A test of client addresses against an allow list (IPv4 and IPv6 ranges in one `BlockList`); an address that is
 * missing or not an IP is outside. The answers for recent addresses are remembered (`BlockList.check` costs a few
 * microseconds; a lookup, tens of nanoseconds). An invalid entry throws `InvalidAccessSettingsError` naming it.
 */
export function ipAllowList({
  ranges,
  origin,
}: {
  ranges: readonly string[];
  origin: string;
}): (ip: string | undefined) => boolean {
  const list = new BlockList();
  for (const text of ranges) {
    const range = typeof text === "string" ? parseIpRange(text) : undefined;
    if (range === undefined)
      throw new InvalidAccessSettingsError(
        `${origin}: ${JSON.stringify(text)} is not an IPv4 or IPv6 address or CIDR range`,
      );
    list.addSubnet(range.address, range.prefix, range.family);
  }
  const answers = new Map<string, boolean>();
  return (ip) => {
    if (ip === undefined) return false;
    const known = answers.get(ip);
    if (known !== undefined) return known;
    const address = unmapped(ip);
    const version = isIP(address);
    const allowed = version !== 0 && list.check(address, version === 4 ? "ipv4" : "ipv6");
    if (answers.size >= rememberedAddresses) answers.clear();
    answers.set(ip, allowed);
    return allowed;
  };
}

/** The hierarchy as a Map, each entry checked (a role is a non-empty string; a value is a list of them). */
function hierarchyMap(hierarchy: RoleHierarchy): Map<string, readonly string[]> {
  const map = new Map<string, readonly string[]>();
  for (const [role, implied] of Object.entries(hierarchy)) {
    const valid = role !== "" && Array.isArray(implied) && implied.every((r) => typeof r === "string" && r !== "");
    if (!valid)
      throw new InvalidAccessSettingsError(
        `role hierarchy: ${JSON.stringify(role)} must map to a list of non-empty role names`,
      );
    map.set(role, implied);
  }
  return map;
}

/**
 * Every role each role of the hierarchy stands for, itself included (`admin` -> admin, staff, member). A cycle
 * (`admin` -> `staff` -> `admin`) throws `InvalidAccessSettingsError` naming it.
 */
export function impliedRoles(hierarchy: RoleHierarchy): Map<string, ReadonlySet<string>> {
  const edges = hierarchyMap(hierarchy);
  const done = new Map<string, ReadonlySet<string>>();
  const visit = (role: string, path: readonly string[]): ReadonlySet<string> => {
    const known = done.get(role);
    if (known !== undefined) return known;
    if (path.includes(role))
      throw new InvalidAccessSettingsError(
        `role hierarchy has a cycle: ${[...path.slice(path.indexOf(role)), role].map((r) => JSON.stringify(r)).join(" -> ")}`,
      );
    const all = new Set<string>([role]);
    for (const next of edges.get(role) ?? []) for (const r of visit(next, [...path, role])) all.add(r);
    done.set(role, all);
    return all;
  };
  for (const role of edges.keys()) visit(role, []);
  return done;
}

/** The roles that satisfy an operation asking for any of `required`: each of them, and every role implying one. */
export function acceptedRoles({
  required,
  hierarchy,
}: {
  required: readonly string[];
  hierarchy: RoleHierarchy;
}): ReadonlySet<string> {
  const accepted = new Set(required);
  for (const [role, implied] of impliedRoles(hierarchy)) if (required.some((r) => implied.has(r))) accepted.add(role);
  return accepted;
}

/**
 * The roles of a request's principals (`context.auth`, by scheme): the `roles` string array of each principal that
 * has one (other entries ignored); a principal without one has no roles.
 */
export function rolesOf(auth: Readonly<Record<string, unknown>>): string[] {
  const roles: string[] = [];
  for (const principal of Object.values(auth)) {
    if (typeof principal !== "object" || principal === null || !Object.hasOwn(principal, "roles")) continue;
    const own = (principal as { roles?: unknown }).roles;
    if (Array.isArray(own)) for (const role of own) if (typeof role === "string") roles.push(role);
  }
  return roles;
}

/** The checks of one operation, made once when its route is registered; absent where it has nothing to check. */
export interface AccessChecks {
  /** Throws 403 FORBIDDEN for a client address outside the allow list (before security, before the body is read). */
  ip?: (ip: string | undefined) => void;
  /** Throws 403 FORBIDDEN when no principal has an accepted role (after security passed). */
  roles?: (auth: Readonly<Record<string, unknown>>) => void;
}

/**
 * An operation's access checks: its own allow list, else the API's; its roles, widened by the hierarchy. Invalid
 * settings throw `InvalidAccessSettingsError` (at start-up, never per request).
 */
export function accessChecks({
  operationId,
  access,
  settings,
}: {
  operationId: string;
  access: OperationAccess;
  settings: AccessSettings;
}): AccessChecks {
  const checks: AccessChecks = {};
  const ranges = access.ipAllow ?? settings.ipAllow;
  if (ranges !== undefined) {
    const allowed = ipAllowList({
      ranges,
      origin: access.ipAllow === undefined ? "ipAllow" : `${operationId} x-vx-ip-allow`,
    });
    checks.ip = (ip) => {
      if (!allowed(ip))
        throw new ApiError({
          code: "FORBIDDEN",
          message: "the client address is not allowed",
          reasons: ["client address not in the allow list"],
        });
    };
  }
  if (access.roles !== undefined) {
    const accepted = acceptedRoles({ required: access.roles, hierarchy: settings.roleHierarchy ?? {} });
    checks.roles = (auth) => {
      if (!rolesOf(auth).some((role) => accepted.has(role)))
        throw new ApiError({
          code: "FORBIDDEN",
          message: "not allowed",
          reasons: ["the caller has none of the operation's roles"],
        });
    };
  }
  return checks;
}

/**
 * Settings given in code, checked now (every range parsed, the list not empty, the hierarchy free of cycles): the
 * server does not start otherwise.
 */
export function checkedAccessSettings(settings: AccessSettings): AccessSettings {
  if (settings.ipAllow?.length === 0)
    throw new InvalidAccessSettingsError(
      "ipAllow: an empty list would deny every client; leave it out to allow every address",
    );
  if (settings.ipAllow !== undefined) ipAllowList({ ranges: settings.ipAllow, origin: "ipAllow" });
  impliedRoles(settings.roleHierarchy ?? {});
  return settings;
}
