import type { HttpMethod, OperationIpAllow, OperationRoles, SecurityRequirement } from "../../ir/types.js";
import { isIpRange } from "../../util/isIpRange.js";
import { childCursor, report, sourceOf, type ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";
import { isRecord } from "./jsonPointer.js";

/** What `x-vx-roles` and `x-vx-ip-allow` say on one operation (each absent when not written or invalid). */
export interface OperationAccessRead {
  roles?: OperationRoles;
  ipAllow?: OperationIpAllow;
}

/** The extension's list of non-empty strings, or `undefined` after a VX122 at the extension (or the bad entry). */
function stringList({ ctx, at, label, what }: { ctx: ReadContext; at: Cursor; label: string; what: string }): string[] | undefined {
  const { value } = at;
  if (!Array.isArray(value) || value.length === 0) {
    const empty = Array.isArray(value);
    report({
      ctx,
      code: "VX122",
      message: empty ? `${label}: an empty list would deny every caller` : `${label} must be a non-empty list of ${what}`,
      at,
      help: empty ? "remove the extension (the operation then follows the API's settings) or list what is allowed" : `write it as a list, e.g. [${what === "role names" ? "admin, staff" : '"10.0.0.0/8", "::1"'}]`,
    });
    return undefined;
  }
  const bad = value.findIndex((item) => typeof item !== "string" || item === "");
  if (bad >= 0) {
    report({ ctx, code: "VX122", message: `${label}: entry ${bad} is not a non-empty string`, at: childCursor({ cursor: at, segments: [bad] }) });
    return undefined;
  }
  return [...new Set(value as string[])];
}

/** `x-vx-roles`: valid only where a security requirement authenticates the caller (VX123, VX124 otherwise). */
function readRoles({ ctx, at, label, security }: { ctx: ReadContext; at: Cursor; label: string; security: readonly SecurityRequirement[] }): OperationRoles | undefined {
  const roles = stringList({ ctx, at, label, what: "role names" });
  if (roles === undefined) return undefined;
  const anonymous = security.filter((alternative) => alternative.schemes.length === 0).length;
  if (anonymous === security.length) {
    report({
      ctx,
      code: "VX123",
      message: `${label}: the operation is public (${security.length === 0 ? "no security requirement" : "its security is `[{}]`"}), so no caller has a role and it could never run`,
      at,
      help: "add a `security` requirement to the operation (or the document) naming the scheme whose principals carry the roles",
    });
  } else if (anonymous > 0) {
    report({
      ctx,
      code: "VX124",
      message: `${label}: the anonymous alternative \`{}\` of its security cannot satisfy the roles; callers must authenticate with one of the others`,
      at,
      help: "remove `{}` from the operation's security to say so in the document",
    });
  }
  return { kind: "roles", roles, source: sourceOf(at) };
}

/** `x-vx-ip-allow`: each entry an IPv4/IPv6 address or CIDR range (VX122 naming the first that is not). */
function readIpAllow({ ctx, at, label }: { ctx: ReadContext; at: Cursor; label: string }): OperationIpAllow | undefined {
  const ranges = stringList({ ctx, at, label, what: "IP addresses or CIDR ranges" });
  if (ranges === undefined) return undefined;
  const bad = ranges.findIndex((range) => !isIpRange(range));
  if (bad >= 0) {
    const index = (at.value as unknown[]).indexOf(ranges[bad]);
    report({
      ctx,
      code: "VX122",
      message: `${label}: ${JSON.stringify(ranges[bad])} is not an IPv4 or IPv6 address or CIDR range`,
      at: childCursor({ cursor: at, segments: [index] }),
      help: 'write an address ("127.0.0.1", "::1") or a range ("10.0.0.0/8", "2001:db8::/32"); host names are not accepted',
    });
    return undefined;
  }
  return { kind: "ipAllow", ranges, source: sourceOf(at) };
}

/** An operation's authorization extensions (3.x and Swagger 2.0 alike), checked against its effective security. */
export function readOperationAccess({
  ctx,
  cursor,
  method,
  path,
  security,
}: {
  ctx: ReadContext;
  cursor: Cursor;
  method: HttpMethod;
  path: string;
  security: readonly SecurityRequirement[];
}): OperationAccessRead {
  const op = isRecord(cursor.value) ? cursor.value : {};
  const name = `${method.toUpperCase()} ${path}`;
  const read: OperationAccessRead = {};
  if (op["x-vx-roles"] !== undefined) {
    const roles = readRoles({ ctx, at: childCursor({ cursor, segments: ["x-vx-roles"] }), label: `x-vx-roles of ${name}`, security });
    if (roles) read.roles = roles;
  }
  if (op["x-vx-ip-allow"] !== undefined) {
    const ipAllow = readIpAllow({ ctx, at: childCursor({ cursor, segments: ["x-vx-ip-allow"] }), label: `x-vx-ip-allow of ${name}` });
    if (ipAllow) read.ipAllow = ipAllow;
  }
  return read;
}
