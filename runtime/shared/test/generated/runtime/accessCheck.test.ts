import { describe, expect, it } from "vitest";
import {
  acceptedRoles,
  accessChecks,
  checkedAccessSettings,
  impliedRoles,
  InvalidAccessSettingsError,
  ipAllowList,
  parseIpRange,
  rolesOf,
} from "../../../src/generated/runtime/accessCheck.js";
import { ApiError } from "../../../src/generated/runtime/errors.js";

// src/generated/runtime/accessCheck.ts: roles (x-vx-roles, with the hierarchy) and client address allow lists (x-vx-ip-allow).

/** The error code a check throws, or "passed". */
function outcome(run: () => void): string {
  try {
    run();
    return "passed";
  } catch (error) {
    return error instanceof ApiError ? `${error.status} ${error.code}` : String(error);
  }
}

describe("parseIpRange", () => {
  it("reads addresses and CIDR ranges of both families", () => {
    expect(parseIpRange("127.0.0.1")).toEqual({ address: "127.0.0.1", prefix: 32, family: "ipv4" });
    expect(parseIpRange("10.0.0.0/8")).toEqual({ address: "10.0.0.0", prefix: 8, family: "ipv4" });
    expect(parseIpRange("0.0.0.0/0")).toEqual({ address: "0.0.0.0", prefix: 0, family: "ipv4" });
    expect(parseIpRange("2001:db8::/32")).toEqual({ address: "2001:db8::", prefix: 32, family: "ipv6" });
    expect(parseIpRange("::1")).toEqual({ address: "::1", prefix: 128, family: "ipv6" });
  });

  it("refuses what is not an address or range", () => {
    for (const text of [
      "",
      "/8",
      "10.0.0.0/",
      "10.0.0.0/33",
      "10.0.0.0/08",
      "10.0.0.0/-1",
      "10.0.0.0/8/8",
      "::/129",
      "256.0.0.1",
      "01.2.3.4",
      "10.0.0.0 /8",
      " 10.0.0.1",
      "fe80::1%eth0",
      "localhost",
      "10.0.0.0/8\n",
      "__proto__",
      '1.2.3.4"',
    ])
      expect(parseIpRange(text), JSON.stringify(text)).toBeUndefined();
  });
});

describe("ipAllowList", () => {
  const allowed = ipAllowList({ ranges: ["10.0.0.0/8", "2001:db8::/32", "127.0.0.1"], origin: "test" });

  it("allows addresses inside a range, IPv4-mapped IPv6 addresses by their IPv4 rule", () => {
    for (const ip of [
      "10.1.2.3",
      "10.255.255.255",
      "127.0.0.1",
      "::ffff:127.0.0.1",
      "::FFFF:10.9.9.9",
      "::ffff:7f00:1",
      "2001:db8::1",
      "2001:db8:ffff::",
    ])
      expect(allowed(ip), ip).toBe(true);
  });

  it("refuses addresses outside, missing or not addresses", () => {
    for (const ip of [
      "11.0.0.1",
      "127.0.0.2",
      "::1",
      "::ffff:127.0.0.2",
      "2001:db9::1",
      "",
      "not an ip",
      "10.0.0.1, 1.2.3.4",
    ])
      expect(allowed(ip), ip).toBe(false);
    expect(allowed(undefined)).toBe(false);
  });

  it("gives the same answers from its memory of recent addresses, which stays bounded", () => {
    const list = ipAllowList({ ranges: ["10.0.0.0/8"], origin: "test" });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 3000; i++) {
        const ip = `${i % 2 === 0 ? 10 : 11}.0.${(i >> 8) & 255}.${i & 255}`;
        expect(list(ip), ip).toBe(i % 2 === 0);
      }
    }
  });

  it("an empty list allows no one", () => {
    expect(ipAllowList({ ranges: [], origin: "test" })("127.0.0.1")).toBe(false);
  });

  it("an invalid entry stops with an error naming it and where it comes from", () => {
    expect(() => ipAllowList({ ranges: ["10.0.0.0/8", "10.0.0.0/40"], origin: "ipAllow" })).toThrow(
      InvalidAccessSettingsError,
    );
    expect(() => ipAllowList({ ranges: ['a"\r\nb'], origin: "ipAllow" })).toThrow(/^ipAllow: "a\\"\\r\\nb" is not/);
  });
});

describe("role hierarchy", () => {
  const hierarchy = { admin: ["staff"], staff: ["member"], auditor: ["member"] };

  it("each role stands for itself and every role it implies, transitively", () => {
    const implied = impliedRoles(hierarchy);
    expect([...(implied.get("admin") ?? [])].sort()).toEqual(["admin", "member", "staff"]);
    expect([...(implied.get("auditor") ?? [])].sort()).toEqual(["auditor", "member"]);
  });

  it("the accepted roles of an operation are those asked and every role implying one", () => {
    expect([...acceptedRoles({ required: ["member"], hierarchy })].sort()).toEqual([
      "admin",
      "auditor",
      "member",
      "staff",
    ]);
    expect([...acceptedRoles({ required: ["staff"], hierarchy })].sort()).toEqual(["admin", "staff"]);
    expect([...acceptedRoles({ required: ["guest"], hierarchy })]).toEqual(["guest"]);
  });

  it("a cycle, or an entry that is not a list of role names, stops with an error naming it", () => {
    expect(() => impliedRoles({ a: ["b"], b: ["c"], c: ["a"] })).toThrow(
      'role hierarchy has a cycle: "a" -> "b" -> "c" -> "a"',
    );
    expect(() => impliedRoles({ admin: ["admin"] })).toThrow(InvalidAccessSettingsError);
    expect(() => impliedRoles({ admin: "staff" } as unknown as Record<string, string[]>)).toThrow(
      InvalidAccessSettingsError,
    );
    expect(() => impliedRoles({ admin: [""] })).toThrow(InvalidAccessSettingsError);
  });

  it("hostile role names are names like any other", () => {
    const hostile = JSON.parse('{"__proto__": ["constructor"], "a\\"\\r\\nb": ["__proto__"]}') as Record<
      string,
      string[]
    >;
    expect([...acceptedRoles({ required: ["constructor"], hierarchy: hostile })].sort()).toEqual([
      "__proto__",
      'a"\r\nb',
      "constructor",
    ]);
    expect([...acceptedRoles({ required: ["toString"], hierarchy: {} })]).toEqual(["toString"]);
  });
});

describe("rolesOf", () => {
  it("reads the roles string array of every principal that has one", () => {
    const auth = Object.assign(Object.create(null) as Record<string, unknown>, {
      bearer: { kind: "jwt", roles: ["staff", 7, null, "member"] },
      apiKey: { kind: "apiKey", roles: ["ops"] },
      basic: { user: "x" },
      custom: "a string",
      none: undefined,
      notArray: { roles: "admin" },
    });
    expect(rolesOf(auth)).toEqual(["staff", "member", "ops"]);
  });

  it("ignores roles that are not the principal's own", () => {
    const inherited = Object.create({ roles: ["admin"] }) as object;
    expect(rolesOf({ bearer: inherited })).toEqual([]);
  });
});

describe("accessChecks", () => {
  const settings = { roleHierarchy: { admin: ["staff"], staff: ["member"] }, ipAllow: ["127.0.0.1"] };

  it("checks nothing for an operation without roles or allow list, when the API has no allow list", () => {
    expect(
      accessChecks({ operationId: "op", access: {}, settings: { roleHierarchy: settings.roleHierarchy } }),
    ).toEqual({});
  });

  it("the operation's allow list replaces the API's", () => {
    const own = accessChecks({ operationId: "op", access: { ipAllow: ["10.0.0.0/8"] }, settings });
    expect(outcome(() => own.ip?.("10.0.0.1"))).toBe("passed");
    expect(outcome(() => own.ip?.("127.0.0.1"))).toBe("403 FORBIDDEN");
    const global = accessChecks({ operationId: "op", access: {}, settings });
    expect(outcome(() => global.ip?.("127.0.0.1"))).toBe("passed");
    expect(outcome(() => global.ip?.(undefined))).toBe("403 FORBIDDEN");
  });

  it("a role asked, or one implying it, passes; others are 403", () => {
    const checks = accessChecks({ operationId: "op", access: { roles: ["member"] }, settings });
    expect(checks.ip).toBeDefined();
    expect(outcome(() => checks.roles?.({ bearer: { roles: ["member"] } }))).toBe("passed");
    expect(outcome(() => checks.roles?.({ bearer: { roles: ["admin"] } }))).toBe("passed");
    expect(outcome(() => checks.roles?.({ bearer: { roles: ["guest"] } }))).toBe("403 FORBIDDEN");
    expect(outcome(() => checks.roles?.({ bearer: undefined }))).toBe("403 FORBIDDEN");
    expect(outcome(() => checks.roles?.({}))).toBe("403 FORBIDDEN");
    const staff = accessChecks({ operationId: "op", access: { roles: ["admin", "staff"] }, settings: {} });
    expect(outcome(() => staff.roles?.({ bearer: { roles: ["member"] }, key: { roles: ["staff"] } }))).toBe("passed");
    expect(outcome(() => staff.roles?.({ bearer: { roles: ["__proto__", "constructor"] } }))).toBe("403 FORBIDDEN");
  });

  it("invalid settings stop at start-up, naming the operation or the option", () => {
    expect(() => accessChecks({ operationId: "listThings", access: { ipAllow: ["nope"] }, settings: {} })).toThrow(
      "listThings x-vx-ip-allow",
    );
    expect(() => checkedAccessSettings({ ipAllow: ["10.0.0.0/8", "1.2.3.4/99"] })).toThrow('ipAllow: "1.2.3.4/99"');
    expect(() => checkedAccessSettings({ roleHierarchy: { a: ["b"], b: ["a"] } })).toThrow(InvalidAccessSettingsError);
    expect(() => checkedAccessSettings({ ipAllow: [] })).toThrow("ipAllow: an empty list would deny every client");
    expect(checkedAccessSettings(settings)).toBe(settings);
  });
});
