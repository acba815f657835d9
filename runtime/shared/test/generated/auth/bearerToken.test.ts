import { describe, expect, it } from "vitest";
import { authorizationToken, bearerToken } from "../../../src/generated/auth/bearerToken.js";

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

describe("authorizationToken", () => {
  it("reads the token after the API's own scheme word, in any case", () => {
    for (const value of [`Token ${jwt}`, `token ${jwt}`, `TOKEN  ${jwt} `]) {
      expect(authorizationToken({ headers: { authorization: value }, scheme: "Token" })).toBe(jwt);
    }
    expect(authorizationToken({ headers: { authorization: `Bearer ${jwt}` } })).toBe(jwt);
  });

  it("finds no token under another scheme word, or a word that only starts like it", () => {
    for (const value of [`Bearer ${jwt}`, `Tokens ${jwt}`, `Token${jwt}`, jwt, "Token "]) {
      expect(authorizationToken({ headers: { authorization: value }, scheme: "Token" })).toBeUndefined();
    }
    expect(authorizationToken({ headers: { authorization: `Token ${jwt}` } })).toBeUndefined();
  });

  it("takes a scheme word with characters special in a regular expression literally", () => {
    expect(authorizationToken({ headers: { authorization: `a.b ${jwt}` }, scheme: "a.b" })).toBe(jwt);
    expect(authorizationToken({ headers: { authorization: `axb ${jwt}` }, scheme: "a.b" })).toBeUndefined();
    expect(authorizationToken({ headers: { authorization: `a+b ${jwt}` }, scheme: "a+b" })).toBe(jwt);
  });
});
