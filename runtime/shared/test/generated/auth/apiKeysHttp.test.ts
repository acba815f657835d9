import { describe, expect, it } from "vitest";
import { createApiKeyTable } from "../../../src/generated/auth/apiKeyTable.js";
import { apiKeyNotFound, createApiKeyFrom } from "../../../src/generated/auth/apiKeysHttp.js";
import { ApiError } from "../../../src/generated/runtime/errors.js";
import { memoryApiKeyClient } from "./memoryApiKeyClient.js";

// src/generated/auth/apiKeysHttp.ts: what the admins' API key routes answer.

const now = Date.parse("2026-01-01T00:00:00Z");

describe("createApiKeyFrom", () => {
  it("creates the key the body describes and answers it with the key, once", async () => {
    const table = createApiKeyTable({ client: memoryApiKeyClient(), now: () => now });
    const body = { name: "ci", scopes: ["a"], roles: ["admin"], ownerId: "7", expiresAt: "2026-02-01T00:00:00Z" };
    const answer = await createApiKeyFrom({ table, body, now });
    expect(answer.key).toMatch(/^vxk_/);
    expect(answer.apiKey).toMatchObject({
      name: "ci",
      scopes: ["a"],
      roles: ["admin"],
      ownerId: "7",
      expiresAt: "2026-02-01T00:00:00.000Z",
    });
    expect(await table.find(answer.key)).toMatchObject({ subject: "7" });
  });

  it("answers 400 for an expiry not in the future, and for a scope the table refuses", async () => {
    const client = memoryApiKeyClient();
    const table = createApiKeyTable({ client, now: () => now });
    for (const body of [
      { name: "k", expiresAt: "2025-12-31T00:00:00Z" },
      { name: "k", scopes: ["a b"] },
    ]) {
      const refused = await createApiKeyFrom({ table, body, now }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ApiError);
      expect((refused as ApiError).status).toBe(400);
    }
    expect(client.rows).toHaveLength(0);
  });

  it("answers 400 for an owner that is not a user's id, and takes one that is", async () => {
    const table = createApiKeyTable({ client: memoryApiKeyClient(), now: () => now });
    const ownerExists = async (id: string) => id === "7";
    const refused = await createApiKeyFrom({ table, body: { name: "k", ownerId: "8" }, ownerExists, now }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).details).toEqual([{ field: "/ownerId", message: "is not the id of a user" }]);
    expect(
      (await createApiKeyFrom({ table, body: { name: "k", ownerId: "7" }, ownerExists, now })).apiKey.ownerId,
    ).toBe("7");
  });

  it("apiKeyNotFound is 404", () => {
    expect(apiKeyNotFound().status).toBe(404);
  });
});
