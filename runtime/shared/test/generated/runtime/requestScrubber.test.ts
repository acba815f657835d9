import { describe, expect, it } from "vitest";
import { minScrubbedLength, requestScrubber } from "../../../src/generated/runtime/requestScrubber.js";
import { redacted, secretFields, secretQueryParameters } from "../../../src/generated/runtime/secrets.js";

// src/generated/runtime/requestScrubber.ts: one request's secret values kept out of what is logged about it.

const field = [...secretFields][0];
const query = [...secretQueryParameters][0];

describe("requestScrubber", () => {
  it("scrubs the credentials of Authorization and each cookie's value from free text", () => {
    const scrubber = requestScrubber({
      headers: { authorization: "Bearer tok.en.value", cookie: "sid=cookie-secret; theme=x" },
      url: "/things",
      body: undefined,
    });
    expect(scrubber.text("verify tok.en.value failed for sid=cookie-secret")).toBe(
      `verify ${redacted} failed for sid=${redacted}`,
    );
    expect(scrubber.text("nothing secret here")).toBe("nothing secret here");
  });

  it.runIf(field !== undefined)("scrubs a secret body field's value, as sent, JSON-escaped or percent-encoded", () => {
    const secret = 'pa"ss w0rd';
    const scrubber = requestScrubber({
      headers: {},
      url: "/things",
      body: { list: [{ [field ?? ""]: secret }], title: "Dune" },
    });
    const message = `failed: ${JSON.stringify({ [field ?? ""]: secret })} ${encodeURIComponent(secret)} ${secret} Dune`;
    const text = scrubber.text(message);
    expect(text).not.toContain("w0rd");
    expect(text).toContain("Dune");
    expect(scrubber.value({ err: new Error(`bad ${secret}`) })).toMatchObject({ err: { message: `bad ${redacted}` } });
  });

  it.runIf(query !== undefined)("scrubs the values of the secret query parameters", () => {
    const scrubber = requestScrubber({ headers: {}, url: `/things?${query ?? ""}=qsecret1&limit=5`, body: null });
    expect(scrubber.text("token qsecret1 refused, limit=5")).toBe(`token ${redacted} refused, limit=5`);
  });

  it("reads nothing out of a body of bytes", () => {
    const scrubber = requestScrubber({ headers: {}, url: "/", body: Buffer.from("a long upload of bytes") });
    expect(scrubber.text("a long upload of bytes")).toBe("a long upload of bytes");
  });

  it("leaves values too short to search for in text, and scrubs what a handler's logger is given", () => {
    const scrubber = requestScrubber({ headers: { authorization: "Basic ab" }, url: "/", body: undefined });
    expect("ab".length).toBeLessThan(minScrubbedLength);
    expect(scrubber.text("about ab")).toBe("about ab");
    const lines: string[] = [];
    const scrubbing = requestScrubber({
      headers: { authorization: "Bearer handler-secret" },
      url: "/",
      body: undefined,
    });
    const logger = scrubbing.logger({
      info: (message) => lines.push(`info ${message}`),
      warn: (message) => lines.push(`warn ${message}`),
      error: (message) => lines.push(`error ${message}`),
    });
    logger.info("got handler-secret");
    logger.warn("handler-secret again");
    logger.error("and handler-secret");
    expect(lines).toEqual([`info got ${redacted}`, `warn ${redacted} again`, `error and ${redacted}`]);
  });
});
