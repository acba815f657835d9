import { describe, expect, it } from "vitest";
import { bindOperations } from "../../src/binding/bindOperations.js";
import { detectDrift } from "../../src/binding/detectDrift.js";
import type { Binding, ObjectProperty, Operation } from "../../src/ir/types.js";
import { apiModel, integerSchema, namedSchema, objectSchema, operation, property, refSchema, requestBody, response, stringSchema } from "../../src/ir/factories/api.js";
import { dbModel, model, scalarField } from "../../src/ir/factories/db.js";

// RealWorld's accounts: POST /users signs up ({ user: { username, email, password } }), POST /users/login logs in,
// both answering { user: { email, token, username } }. Bound to the accounts (register, login), not as a create.
const user = model({
  name: "User",
  fields: [
    scalarField({ name: "id", type: "Int", isId: true }),
    scalarField({ name: "email", type: "String", isUnique: true }),
    scalarField({ name: "username", type: "String", isUnique: true }),
    scalarField({ name: "passwordHash", type: "String" }),
    scalarField({ name: "bio", type: "String", isRequired: false }),
  ],
});
const db = dbModel({ models: [user] });
const signIn = { model: "User", identifier: "email", registerFields: ["username"] };

const text = (name: string, required = true): ObjectProperty => property({ name, schema: stringSchema(), required });
const userSchema = namedSchema({ name: "User", schema: objectSchema({ properties: [text("email"), text("token"), text("username"), property({ name: "id", schema: integerSchema(), required: true })] }) });
const wrapped = (name: string) => objectSchema({ properties: [property({ name: "user", schema: refSchema({ name }), required: true })] });
const record = (name: string, properties: ObjectProperty[]) => namedSchema({ name, schema: objectSchema({ properties }) });

function post({ path, body, answers = "User" }: { path: string; body: string; answers?: string }): Operation {
  return operation({ method: "post", path, requestBody: requestBody({ schema: wrapped(body) }), responses: [response({ status: "201", schema: wrapped(answers) })] });
}

function bind({ ops, bodies, accounts = true }: { ops: Operation[]; bodies: ReturnType<typeof record>[]; accounts?: boolean }): { bindings: Binding[]; codes: string[]; drift: string[] } {
  const named = ops.map((o, i) => ({ ...o, operationId: `op${i}` }));
  const api = apiModel({ operations: named, schemas: [userSchema, ...bodies] });
  const { api: bound, diagnostics } = bindOperations({ api, db, ...(accounts ? { userModel: "User", signIn } : {}) });
  const drift = detectDrift({ api: bound, db, ...(accounts ? { userModel: "User" } : {}) }).map((d) => `${d.code} ${d.message}`);
  const byId = new Map(bound.operations.map((o) => [o.operationId, o.binding]));
  return { bindings: named.map((o) => byId.get(o.operationId) ?? { kind: "unbound", reason: "missing" }), codes: diagnostics.map((d) => d.code), drift };
}

const newUser = record("NewUser", [text("username"), text("email"), text("password")]);
const loginUser = record("LoginUser", [text("email"), text("password")]);

describe("the spec's own sign-up and login", () => {
  it("bind POST /users and POST /users/login to the accounts, inside their envelopes, with no drift", () => {
    const { bindings, codes, drift } = bind({ ops: [post({ path: "/users", body: "NewUser" }), post({ path: "/users/login", body: "LoginUser" })], bodies: [newUser, loginUser] });
    expect(bindings).toMatchObject([
      { kind: "bound", model: "User", action: "register", signIn: { identifier: "email", password: "password", token: "token" }, requestEnvelope: { property: "user" }, responseEnvelope: { property: "user" } },
      { kind: "bound", model: "User", action: "login", signIn: { identifier: "email", password: "password", token: "token" } },
    ]);
    expect(bindings[1]?.kind === "bound" && bindings[1].reason).toContain("POST /users/login is the accounts' login of User (email and password; answers the access token in 'token')");
    expect(codes).toEqual([]);
    expect(drift).toEqual([]);
  });

  it("take other sign-up and login words (register, signup, sessions, signin)", () => {
    const ops = ["/users/register", "/users/sign-up", "/users/sessions", "/users/signin"].map((path) => post({ path, body: /sessions|signin/.test(path) ? "LoginUser" : "NewUser" }));
    expect(bind({ ops, bodies: [newUser, loginUser] }).bindings.map((b) => (b.kind === "bound" ? b.action : b.kind))).toEqual(["register", "register", "login", "login"]);
  });

  it("leave a sign-up sending a column registration does not write, or not requiring one it needs, to a handler (VX331)", () => {
    const withBio = record("NewUser", [text("username"), text("email"), text("password"), text("bio", false)]);
    const noName = record("NewUser", [text("email"), text("password"), text("username", false)]);
    for (const body of [withBio, noName]) {
      const { bindings, codes } = bind({ ops: [post({ path: "/users", body: "NewUser" })], bodies: [body] });
      expect(bindings[0]).toMatchObject({ kind: "bound", action: "custom" });
      expect(codes).toEqual(["VX331"]);
    }
  });

  it("leave a login answering no token, or sending more than the credentials, to a handler (VX331)", () => {
    const noToken = namedSchema({ name: "Plain", schema: objectSchema({ properties: [text("email")] }) });
    const { bindings, codes } = bind({ ops: [post({ path: "/users/login", body: "LoginUser", answers: "Plain" })], bodies: [loginUser, noToken] });
    expect(bindings[0]).toMatchObject({ action: "custom" });
    expect(codes).toEqual(["VX331"]);
    const extra = record("LoginUser", [text("email"), text("password"), text("otp", false)]);
    expect(bind({ ops: [post({ path: "/users/login", body: "LoginUser" })], bodies: [extra] }).codes).toEqual(["VX331"]);
  });

  it("are a create as before without accounts, or without a password", () => {
    const { bindings } = bind({ ops: [post({ path: "/users", body: "NewUser" })], bodies: [newUser], accounts: false });
    expect(bindings[0]).toMatchObject({ kind: "bound", action: "create" });
    const plain = record("NewUser", [text("username"), text("email")]);
    expect(bind({ ops: [post({ path: "/users", body: "NewUser" })], bodies: [plain] }).bindings[0]).toMatchObject({ action: "create" });
  });
});
