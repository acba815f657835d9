import { describe, expect, it } from "vitest";
import { memoryAccountStores } from "../../../src/generated/accounts/memoryAccountStores.js";
import { accountStoresContract } from "./accountStoresContract.js";

accountStoresContract({ name: "memoryAccountStores", create: memoryAccountStores });

describe("memoryAccountStores", () => {
  it("creates users once per identifier and finds them both ways", async () => {
    const { users } = memoryAccountStores();
    const created = await users.create({ identifier: "a@b.c", passwordHash: "h", fields: { roles: ["admin"] } });
    expect(created).not.toBe("taken");
    expect(await users.create({ identifier: "a@b.c", passwordHash: "x", fields: {} })).toBe("taken");
    const user = await users.findByIdentifier("a@b.c");
    expect(user).toMatchObject({ identifier: "a@b.c", passwordHash: "h", roles: ["admin"] });
    expect(await users.findById(user?.id ?? "")).toEqual(user);
    expect(await users.findByIdentifier("other")).toBeUndefined();
  });
});
