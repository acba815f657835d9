import type { onRequestHookHandler } from "fastify";
import { accessChecks, type AccessSettings, type OperationAccess } from "../runtime/accessCheck.js";
import type { SecurityVerifiers } from "../security/types.js";
import { authOf, requireSecurity, type SecurityRequirement } from "./security.js";

/** What of a route its guard reads: its security alternatives, `x-vx-roles` and `x-vx-ip-allow`. */
export interface GuardedRoute extends OperationAccess {
  operationId: string;
  security?: readonly SecurityRequirement[];
}

/**
 * The `onRequest` hooks guarding a route, each only where it has something to check (none for an open operation
 * under no allow list): the client address (`request.ip`, which follows the server's `trustProxy`) before anything
 * else, then security, then the roles of the principals it returned. An operation with roles and no security denies
 * every caller (401): the generator refuses it (VX123), and it never runs open. Made once, at registration; invalid
 * settings stop the server there.
 */
export function guardHooks({
  route,
  verifiers,
  settings,
}: {
  route: GuardedRoute;
  verifiers: SecurityVerifiers;
  settings: AccessSettings;
}): onRequestHookHandler[] {
  const checks = accessChecks({ operationId: route.operationId, access: route, settings });
  const hooks: onRequestHookHandler[] = [];
  const { ip, roles } = checks;
  if (ip !== undefined) hooks.push(async (request) => ip(request.ip));
  if (route.security !== undefined || roles !== undefined)
    hooks.push(requireSecurity({ requirements: route.security ?? [], verifiers }));
  if (roles !== undefined) hooks.push(async (request) => roles(authOf(request)));
  return hooks;
}
