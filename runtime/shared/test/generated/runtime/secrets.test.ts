import { describe, expect, it } from "vitest";
import { redacted, redactUrl, secretQueryParameters } from "../../../src/generated/runtime/secrets.js";

// src/generated/runtime/secrets.ts: what never reaches the logs.

describe("secrets", () => {
  it("redacts the value of every secret query parameter and keeps everything else", () => {
    expect(redactUrl("/things")).toBe("/things");
    expect(redactUrl("/things?vx-public=5&%E0%A4%A=x&flag")).toBe("/things?vx-public=5&%E0%A4%A=x&flag");
    for (const name of secretQueryParameters) {
      const encoded = encodeURIComponent(name);
      const url = redactUrl(`/things?vx-public=5&${encoded}=s3cret&${encoded}`);
      expect(url).not.toContain("s3cret");
      expect(url).toBe(`/things?vx-public=5&${encoded}=${redacted}&${encoded}=${redacted}`);
    }
  });
});
