import { describe, expect, it } from "vitest";
import { bearerToken } from "../../../src/generated/auth/bearerToken.js";

const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

describe("bearerToken", () => {
  it.each([
    [{ authorization: `Bearer ${jwt}` }, jwt],
    [{ authorization: `bearer ${jwt}` }, jwt],
    [{ authorization: `BEARER   ${jwt}  ` }, jwt],
    [{ Authorization: `Bearer ${jwt}` }, jwt],
    [{ authorization: [`Bearer ${jwt}`] }, jwt],
    [{ authorization: "Bearer abc+/~_-.==" }, "abc+/~_-.=="],
    [{ authorization: "Bearer mF_9.B5f-4.1JqM", "x-other": undefined }, "mF_9.B5f-4.1JqM"],
  ])("reads %j", (headers, token) => {
    expect(bearerToken(headers)).toBe(token);
  });

  it.each([
    [{}],
    [{ authorization: undefined }],
    [{ authorization: "" }],
    [{ authorization: "Bearer" }],
    [{ authorization: "Bearer " }],
    [{ authorization: "Bearer    " }],
    [{ authorization: `Basic ${jwt}` }],
    [{ authorization: `Bearerx ${jwt}` }],
    [{ authorization: `${jwt}` }],
    [{ authorization: `Bearer ${jwt} extra` }],
    [{ authorization: `Bearer ${jwt},Bearer ${jwt}` }],
    [{ authorization: `Bearer "${jwt}"` }],
    [{ authorization: `Bearer ${jwt}\r\nx-injected: 1` }],
    [{ authorization: `Bearer a=b` }],
    [{ authorization: [`Bearer ${jwt}`, `Bearer ${jwt}`] }],
    [{ authorization: [] }],
    [{ authorization: `Bearer ${jwt}`, Authorization: `Bearer ${jwt}` }],
    [{ "proxy-authorization": `Bearer ${jwt}` }],
  ])("finds no token in %j", (headers) => {
    expect(bearerToken(headers)).toBeUndefined();
  });

  it("reads a header object without a prototype, with a `__proto__` header", () => {
    const headers: Record<string, string> = Object.create(null);
    headers["__proto__"] = "Bearer wrong";
    headers["authorization"] = `Bearer ${jwt}`;
    expect(bearerToken(headers)).toBe(jwt);
  });
});
