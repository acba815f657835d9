import type { Policies } from "./generated/runtime/policies.js";

/**
 * Your authorization rules per operation, beyond what the spec says: each is asked after authentication, the generated
 * checks (client address, scopes, `x-vx-roles`) and request validation, before the handler, with what the handler
 * gets: the validated `request` and the `context`, whose `auth` holds the principals of the security alternative that
 * let the caller in, typed per operation (`context.auth.bearerAuth?.subject`). Answer `"allow"`, `"deny"` (403
 * FORBIDDEN) or `"notFound"` (404 NOT_FOUND: hides that the resource exists, as `x-vx-owner` does for another's row).
 *
 * An operation without a policy is allowed once the generated checks pass: they already deny by default (401 without
 * valid credentials, 403 without a scope or role, 404 for another caller's row). Keys are the handler names, as in
 * `Handlers`, and tsc checks each policy against its operation. For example:
 *
 *   export const policies: Policies = {
 *     deleteNote: async ({ request, context }) =>
 *       (await isEditor({ user: context.auth.bearerAuth.subject, noteId: request.params.noteId })) ? "allow" : "deny",
 *   };
 *
 * vx-gen writes this file once and never overwrites it.
 */
export const policies: Policies = {};
