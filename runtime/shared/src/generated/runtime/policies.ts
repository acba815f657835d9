import type { Handlers } from "../types/operations.js";
import { ApiError } from "./errors.js";

/**
 * A policy's answer: `"allow"` runs the handler; `"deny"` answers 403 FORBIDDEN; `"notFound"` answers 404 NOT_FOUND,
 * as if the resource did not exist (what ownership answers for another caller's row: its existence stays hidden).
 */
export type PolicyDecision = "allow" | "deny" | "notFound";

/**
 * One operation's policy: called with what its handler would get (the validated request, and the context whose `auth`
 * holds the typed principals), after authentication, the generated checks (client address, scopes, roles) and
 * validation, before the handler.
 */
export type Policy<Input> = (input: Input) => PolicyDecision | Promise<PolicyDecision>;

/** The input of a handler type. */
type InputOf<Handler> = Handler extends (input: infer Input) => unknown ? Input : never;

/**
 * The policies of the operations, by handler name (as in `Handlers`). An operation without one is allowed once the
 * generated checks pass: they already deny by default (no credentials 401, no scope or role 403, another's row 404).
 */
export type Policies = { readonly [Name in keyof Handlers]?: Policy<InputOf<Handlers[Name]>> };

/** A policy as a route calls it: resolves when allowed, rejects with the answer's ApiError when not. */
export type PolicyCheck = (input: unknown) => Promise<void>;

/**
 * The check of the policy of the operation `handler` serves, or undefined when it has none (an own property of
 * `policies` only: `constructor` is an operation's name like any other). Anything but `"allow"` denies (403); the
 * refusal is logged as a security event naming the operation.
 */
export function policyCheck({
  policies,
  handler,
  operationId,
}: {
  policies: Policies;
  handler: string;
  operationId: string;
}): PolicyCheck | undefined {
  const table = policies as Readonly<Record<string, Policy<unknown> | undefined>>;
  const policy = Object.hasOwn(table, handler) ? table[handler] : undefined;
  if (policy === undefined) return undefined;
  return async (input) => {
    const decision = await policy(input);
    if (decision === "allow") return;
    const reasons = [`policy of ${operationId}: ${decision === "notFound" ? "not found" : "denied"}`];
    throw decision === "notFound"
      ? new ApiError({ code: "NOT_FOUND", message: "not found", reasons })
      : new ApiError({ code: "FORBIDDEN", message: "not allowed", reasons });
  };
}

/**
 * A route's handler preceded by its operation's policy, when it has one (chosen once, at registration: an operation
 * without a policy runs its handler as it is, at no cost per request).
 */
export function withPolicy<Input, Result>({
  policies,
  handler,
  operationId,
  handle,
}: {
  policies: Policies;
  handler: string;
  operationId: string;
  handle: (input: Input) => Promise<Result>;
}): (input: Input) => Promise<Result> {
  const policy = policyCheck({ policies, handler, operationId });
  if (policy === undefined) return handle;
  return async (input) => {
    await policy(input);
    return handle(input);
  };
}
