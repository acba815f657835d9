import { describe, expect, it } from "vitest";
import { ifNoneMatchHits, strongEtag } from "../../../src/generated/runtime/httpCache.js";

// src/generated/runtime/httpCache.ts: strong entity tags of answers and If-None-Match.

describe("strongEtag", () => {
  it("is a quoted hash of the bytes: the same for the same body, another for another", () => {
    const tag = strongEtag('{"id":1}');
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(strongEtag(Buffer.from('{"id":1}'))).toBe(tag);
    expect(strongEtag('{"id":2}')).not.toBe(tag);
  });
});

describe("ifNoneMatchHits", () => {
  const etag = strongEtag("body");
  it("matches the tag, its weak form, one of a list, and *", () => {
    expect(ifNoneMatchHits({ header: etag, etag })).toBe(true);
    expect(ifNoneMatchHits({ header: `W/${etag}`, etag })).toBe(true);
    expect(ifNoneMatchHits({ header: `"other", ${etag}`, etag })).toBe(true);
    expect(ifNoneMatchHits({ header: "*", etag })).toBe(true);
  });

  it("does not match another tag, or no header", () => {
    expect(ifNoneMatchHits({ header: '"other"', etag })).toBe(false);
    expect(ifNoneMatchHits({ header: undefined, etag })).toBe(false);
    expect(ifNoneMatchHits({ header: etag.slice(1, -1), etag })).toBe(false);
  });
});
