import { describe, expect, it } from "vitest";
import {
  auditActorOf,
  currentAuditActor,
  principalIdOf,
  runWithAuditActor,
  systemActor,
} from "../../../src/generated/runtime/auditActor.js";

// src/generated/runtime/auditActor.ts: who writes, as the audit events of a request's writes say it.

describe("auditActor", () => {
  it("is the system actor outside a request, and the request's actor through every await inside one", async () => {
    expect(currentAuditActor()).toBe(systemActor);
    const actor = { principalId: "u1", operationId: "createBook", ip: "10.0.0.1", requestId: "r-1" };
    const other = { ...actor, principalId: "u2", requestId: "r-2" };
    const seen = await Promise.all([
      runWithAuditActor({
        actor,
        run: async () => (await new Promise((resolve) => setTimeout(resolve, 5)), currentAuditActor()),
      }),
      runWithAuditActor({ actor: other, run: async () => currentAuditActor() }),
    ]);
    expect(seen).toEqual([actor, other]);
    expect(currentAuditActor()).toBe(systemActor);
  });

  it("names the principal by a JWT's subject, an API key's id or an id, in scheme-name order; anonymous is null", () => {
    expect(principalIdOf({})).toBeNull();
    expect(principalIdOf({ bearer: { kind: "jwt", subject: "user-7" } })).toBe("user-7");
    expect(principalIdOf({ key: { kind: "apiKey", keyId: "0123456789ab" } })).toBe("apiKey:0123456789ab");
    expect(principalIdOf({ custom: { id: 42 } })).toBe("42");
    expect(principalIdOf({ b: { subject: "second" }, a: { subject: "first" } })).toBe("first");
    expect(principalIdOf({ a: true, b: null, c: { subject: 5 } })).toBeNull();
  });

  it("builds a route's actor from its handler context", () => {
    const context = { ip: "127.0.0.1", auth: { bearer: { subject: "u" } } };
    expect(auditActorOf({ context, operationId: "deleteBook", requestId: "abc" })).toEqual({
      principalId: "u",
      operationId: "deleteBook",
      ip: "127.0.0.1",
      requestId: "abc",
    });
    expect(auditActorOf({ context: { ip: "", auth: {} }, operationId: "x", requestId: undefined })).toEqual({
      principalId: null,
      operationId: "x",
      ip: null,
      requestId: null,
    });
  });
});
