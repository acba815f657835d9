import type { RequestHandler } from "express";
import { accessChecks, type AccessSettings, type OperationAccess } from "../runtime/accessCheck.js";
import type { SecurityVerifiers } from "../security/types.js";
import { authOf, requireSecurity, type SecurityRequirement } from "./security.js";

/** What of a route its guard reads: its security alternatives, `x-vx-roles` and `x-vx-ip-allow`. */
export interface GuardedRoute extends OperationAccess {
  operationId: string;
  security?: readonly SecurityRequirement[];
}

/**
 * The middleware guarding a route, first in its chain (before the body is read), each only where it has something to
 * check (none for an open operation under no allow list): the client address (`req.ip`, which follows the app's
 * `trust proxy` setting) before anything else, then security, then the roles of the principals it returned. An
 * operation with roles and no security denies every caller (401): the generator refuses it (VX123), and it never
 * runs open. Made once, when the router is built; invalid settings stop the app there.
 */
export function guardChain({
  route,
  verifiers,
  settings,
}: {
  route: GuardedRoute;
  verifiers: SecurityVerifiers;
  settings: AccessSettings;
}): RequestHandler[] {
  const checks = accessChecks({ operationId: route.operationId, access: route, settings });
  const chain: RequestHandler[] = [];
  const { ip, roles } = checks;
  if (ip !== undefined) {
    chain.push((req, _res, next) => {
      ip(req.ip);
      next();
    });
  }
  if (route.security !== undefined || roles !== undefined)
    chain.push(requireSecurity({ requirements: route.security ?? [], verifiers }));
  if (roles !== undefined) {
    chain.push((req, _res, next) => {
      roles(authOf(req));
      next();
    });
  }
  return chain;
}
