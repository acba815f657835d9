import { describe, expect, it } from "vitest";
import { frameworkTrustProxy, trustProxyOf } from "../../../src/generated/runtime/trustProxy.js";

// src/generated/runtime/trustProxy.ts: TRUST_PROXY as Fastify's trustProxy and Express's `trust proxy` take it.

const parse = (text: string) => {
  const problems: string[] = [];
  return { trust: trustProxyOf({ text, problems }), problems };
};

describe("trustProxyOf", () => {
  it("is off when empty or false, on when true", () => {
    expect(parse("")).toEqual({ trust: false, problems: [] });
    expect(parse("false")).toEqual({ trust: false, problems: [] });
    expect(parse("true")).toEqual({ trust: true, problems: [] });
  });

  it("reads a hop count from 1 to 100", () => {
    expect(parse("2")).toEqual({ trust: 2, problems: [] });
    expect(parse("0").problems).toEqual(['TRUST_PROXY="0": a hop count is a whole number from 1 to 100']);
    expect(parse("101").trust).toBe(false);
  });

  it("reads addresses, CIDR ranges and range names, comma-separated", () => {
    expect(parse("10.0.0.0/8, 192.168.1.7,fd00::/8 ,::1, loopback")).toEqual({
      trust: ["10.0.0.0/8", "192.168.1.7", "fd00::/8", "::1", "loopback"],
      problems: [],
    });
  });

  it("refuses names, bad prefixes and anything else, trusting nothing", () => {
    const { trust, problems } = parse("proxy.internal, 10.0.0.0/33, ::1/129, 1.2.3.4/8/8, yes");
    expect(trust).toBe(false);
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/^TRUST_PROXY: "proxy\.internal" is not an address, a CIDR range or one of loopback/);
  });
});

describe("frameworkTrustProxy", () => {
  it("passes switches as they are, a list as one comma-separated string, a hop count as a function of the hop", () => {
    expect(frameworkTrustProxy(false)).toBe(false);
    expect(frameworkTrustProxy(true)).toBe(true);
    expect(frameworkTrustProxy(["10.0.0.0/8", "::1"])).toBe("10.0.0.0/8,::1");
    const hops = frameworkTrustProxy(2);
    expect(typeof hops === "function" && [0, 1, 2].map((hop) => hops("10.0.0.1", hop))).toEqual([true, true, false]);
  });
});
