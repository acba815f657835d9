import { describe, expect, it } from "vitest";
import { ApiError } from "../../../src/generated/runtime/errors.js";
import {
  policyCheck,
  withPolicy,
  type Policies,
  type PolicyDecision,
} from "../../../src/generated/runtime/policies.js";

// src/generated/runtime/policies.ts: the user's per-operation policies (src/policies.ts) as the routes call them.

/** The policies of a test, by handler name (the project's `Policies` type is keyed by its own operations). */
function policies(table: Record<string, (input: unknown) => PolicyDecision | Promise<PolicyDecision>>): Policies {
  return table as Policies;
}

async function refusal(check: Promise<void>): Promise<ApiError> {
  try {
    await check;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("the policy allowed");
}

describe("policyCheck", () => {
  it("is undefined for an operation without a policy, and never takes one from Object.prototype", () => {
    const none = policies({});
    expect(policyCheck({ policies: none, handler: "getNote", operationId: "getNote" })).toBeUndefined();
    for (const handler of ["constructor", "toString", "__proto__", "hasOwnProperty"])
      expect(policyCheck({ policies: none, handler, operationId: handler })).toBeUndefined();
  });

  it("resolves when the policy allows, with the input the handler gets", async () => {
    const seen: unknown[] = [];
    const check = policyCheck({
      policies: policies({
        getNote: (input) => {
          seen.push(input);
          return "allow";
        },
      }),
      handler: "getNote",
      operationId: "getNote",
    });
    const input = { request: { params: { noteId: 1 } }, context: { auth: { bearerAuth: { subject: "u1" } } } };
    await expect(check?.(input)).resolves.toBeUndefined();
    expect(seen).toEqual([input]);
  });

  it("answers 403 FORBIDDEN for deny and 404 NOT_FOUND for notFound, each logged with the operation", async () => {
    const table = policies({ denied: async () => "deny" as const, hidden: async () => "notFound" as const });
    const denied = await refusal(policyCheck({ policies: table, handler: "denied", operationId: "deleteNote" })!({}));
    expect([denied.status, denied.code, denied.message, denied.reasons]).toEqual([
      403,
      "FORBIDDEN",
      "not allowed",
      ["policy of deleteNote: denied"],
    ]);
    const hidden = await refusal(policyCheck({ policies: table, handler: "hidden", operationId: "getNote" })!({}));
    expect([hidden.status, hidden.code, hidden.reasons]).toEqual([404, "NOT_FOUND", ["policy of getNote: not found"]]);
  });

  it("denies whatever is not exactly allow (a typo, a boolean, nothing from plain JavaScript)", async () => {
    for (const answer of ["Allow", true, undefined, "allowed"]) {
      const table = { op: () => answer } as unknown as Policies;
      const error = await refusal(policyCheck({ policies: table, handler: "op", operationId: "op" })!({}));
      expect(error.status).toBe(403);
    }
  });

  it("lets a policy's own error through (an ApiError it throws is the answer)", async () => {
    const table = policies({
      op: () => {
        throw new ApiError({ code: "CONFLICT", message: "busy" });
      },
    });
    const error = await refusal(policyCheck({ policies: table, handler: "op", operationId: "op" })!({}));
    expect(error.code).toBe("CONFLICT");
  });
});

describe("withPolicy", () => {
  const handle = async (input: { id: number }) => ({ status: 200, body: input.id });

  it("is the handler itself for an operation without a policy", () => {
    expect(withPolicy({ policies: policies({}), handler: "getNote", operationId: "getNote", handle })).toBe(handle);
  });

  it("asks the policy first: the handler runs only when it allows", async () => {
    const ran: number[] = [];
    const guarded = withPolicy({
      policies: policies({ getNote: (input) => ((input as { id: number }).id === 1 ? "allow" : "deny") }),
      handler: "getNote",
      operationId: "getNote",
      handle: async (input: { id: number }) => {
        ran.push(input.id);
        return handle(input);
      },
    });
    await expect(guarded({ id: 1 })).resolves.toEqual({ status: 200, body: 1 });
    expect((await refusal(guarded({ id: 2 }).then(() => undefined))).status).toBe(403);
    expect(ran).toEqual([1]);
  });
});
