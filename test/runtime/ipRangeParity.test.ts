import { describe, expect, it } from "vitest";
import { isIpRange } from "../../src/util/isIpRange.js";
import { parseIpRange } from "../../runtime/shared/src/generated/runtime/accessCheck.js";

// The generator's check of x-vx-ip-allow entries (src/util/isIpRange.ts) accepts exactly what the generated runtime reads.

describe("isIpRange", () => {
  const inputs = [
    "127.0.0.1", "10.0.0.0/8", "0.0.0.0/0", "10.0.0.1/32", "2001:db8::/32", "::1", "::/0", "::ffff:127.0.0.1", "::ffff:10.0.0.0/104",
    "", "/8", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/08", "10.0.0.0/-1", "10.0.0.0/8/8", "::/129", "256.0.0.1", "01.2.3.4",
    "10.0.0.0 /8", " 10.0.0.1", "fe80::1%eth0", "fe80::1%eth0/64", "localhost", "10.0.0.0/8\n", "__proto__", '1.2.3.4"', "1.2.3.4/1e1",
  ];

  it("agrees with the runtime's parseIpRange on every input", () => {
    for (const text of inputs) expect(isIpRange(text), JSON.stringify(text)).toBe(parseIpRange(text) !== undefined);
    expect(inputs.filter((text) => isIpRange(text))).toHaveLength(9);
  });
});
