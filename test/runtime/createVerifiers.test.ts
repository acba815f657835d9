import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { InvalidAuthSettingsError } from "../../runtime/shared/src/generated/auth/authSettings.js";
import { createVerifiers, type SchemeDefault } from "../../runtime/shared/src/generated/auth/createVerifiers.js";
import type { SecurityVerifier, VerifierSetup } from "../../runtime/stubs/src/generated/security/types.js";

const secret = "0123456789abcdef0123456789abcdef-test";
const keep: VerifierSetup = (generated) => generated();
const request = (headers: Record<string, string> = {}) => ({ request: { headers, query: {}, cookies: {}, ip: "127.0.0.1" }, scopes: [] });
const allow: SecurityVerifier = async () => ({ ok: true, principal: "given" });

async function token(): Promise<string> {
  return new SignJWT({ sub: "u1" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("5m").sign(new TextEncoder().encode(secret));
}

describe("createVerifiers", () => {
  type Scheme = "jwt" | "key" | "unused";
  const defaults: Record<Scheme, SchemeDefault> = { jwt: { kind: "jwt" }, key: { kind: "apiKey", location: "header", name: "x-key" }, unused: { kind: "jwt" } };

  it("sets up each used scheme's default from env, denies an unused one, and keeps a given verifier as it is", async () => {
    const verifiers = createVerifiers<Record<Scheme, unknown>>({ defaults, setups: { jwt: keep, key: keep, unused: keep }, used: ["jwt"], env: { JWT_SECRET: secret }, given: { key: allow } });
    expect(await verifiers.jwt(request({ authorization: `Bearer ${await token()}` }))).toMatchObject({ ok: true, principal: { kind: "jwt", subject: "u1" } });
    expect(await verifiers.jwt(request())).toMatchObject({ ok: false, challenge: "Bearer" });
    expect(await verifiers.key(request())).toEqual({ ok: true, principal: "given" });
    expect(await verifiers.unused(request({ authorization: `Bearer ${await token()}` }))).toMatchObject({ ok: false });
  });

  it("names every missing setting of every used scheme in one error, and reads none for a setup that never calls generated()", () => {
    let error: unknown;
    try {
      createVerifiers<Record<Scheme, unknown>>({ defaults, setups: { jwt: keep, key: keep, unused: keep }, used: ["jwt", "key"], env: {}, given: {} });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(InvalidAuthSettingsError);
    expect((error as InvalidAuthSettingsError).problems.map((p) => p.variable).sort()).toEqual(["API_KEYS", "JWT_SECRET"]);
    const own: VerifierSetup = () => allow;
    const verifiers = createVerifiers<Record<Scheme, unknown>>({ defaults, setups: { jwt: own, key: own, unused: own }, used: ["jwt", "key"], env: {}, given: {} });
    expect(Object.keys(verifiers).sort()).toEqual(["jwt", "key", "unused"]);
  });

  it("builds one default verifier for schemes with the same default (one authenticator, keys fetched once)", () => {
    const made: SecurityVerifier[] = [];
    const record: VerifierSetup = (generated) => {
      const verifier = generated();
      made.push(verifier);
      return verifier;
    };
    const twoJwt: Record<"bearer" | "oauth", SchemeDefault> = { bearer: { kind: "jwt" }, oauth: { kind: "jwt" } };
    createVerifiers<Record<"bearer" | "oauth", unknown>>({ defaults: twoJwt, setups: { bearer: record, oauth: record }, used: ["bearer", "oauth"], env: { JWT_SECRET: secret }, given: {} });
    expect(made).toHaveLength(2);
    expect(made[0]).toBe(made[1]);
  });

  it("keeps a scheme named __proto__ or constructor as an own verifier, and never takes Object.prototype for a given one", async () => {
    const hostile: Record<string, SchemeDefault> = JSON.parse('{"__proto__": {"kind": "deny", "reason": "r"}, "constructor": {"kind": "deny", "reason": "r"}}');
    const setups: Record<string, VerifierSetup> = JSON.parse("{}");
    Object.defineProperty(setups, "__proto__", { value: keep, enumerable: true });
    setups.constructor = keep;
    const verifiers = createVerifiers<Record<string, unknown>>({ defaults: hostile, setups, used: ["__proto__", "constructor"], env: {}, given: {} });
    expect(Object.getPrototypeOf(verifiers)).toBeNull();
    expect(Object.keys(verifiers).sort()).toEqual(["__proto__", "constructor"]);
    expect(typeof Object.getOwnPropertyDescriptor(verifiers, "__proto__")?.value).toBe("function");
    expect(await verifiers.constructor?.(request())).toMatchObject({ ok: false });
  });
});
