import type { Diagnostic, Model, NamedSchema, ObjectProperty, Operation } from "../ir/types.js";
import { squashName } from "../naming/caseConversion.js";
import { bindEnvelopes, describeEnvelopes, type BoundEnvelopes } from "./bindEnvelopes.js";
import { callerToken } from "./callerToken.js";
import { requestRecordSchema, responseRecordSchema } from "./envelopeNodes.js";
import { objectProperties } from "./schemaLookup.js";

/** What the accounts take at sign-up and login: their identifier column, and the other columns registration asks for. */
export interface SignInColumns {
  model: string;
  identifier: string;
  registerFields: readonly string[];
}

/** The last path segment of a login route (`/users/login`) or of a sign-up route other than the collection's own. */
const loginWords = new Set(["login", "signin", "logon", "session", "sessions"]);
const registerWords = new Set(["register", "registration", "signup"]);

export type SignInMatch =
  | { ok: true; action: "register" | "login"; signIn: { identifier: string; password: string; token?: string }; envelopes: BoundEnvelopes; why: string }
  | { ok: false; why: string };

type Tail = { kind: "literal"; value: string } | { kind: "param"; name: string };

function propertyNamed({ properties, name }: { properties: readonly ObjectProperty[]; name: string }): ObjectProperty | undefined {
  return properties.find((p) => p.name === name) ?? properties.find((p) => squashName(p.name) === squashName(name));
}

/**
 * A sign-up or login of the spec's own (`POST /users` with `{ user: { username, email, password } }`, `POST
 * /users/login`) over the accounts' user model: bound to the accounts (the password hashed, a token issued) rather
 * than as a create. A sign-up's body has the identifier and `password` (required) and only columns registration asks
 * for besides; a login's has the two only and answers the token (`user.token`). Undefined when the operation is not
 * shaped so; `ok: false` when it is a POST of a password that the accounts cannot take (the reason).
 */
export function bindSignIn({ op, model, tail, schemas, columns }: { op: Operation; model: Model; tail: readonly Tail[]; schemas: Map<string, NamedSchema>; columns: SignInColumns | undefined }): SignInMatch | undefined {
  if (!columns || columns.model !== model.name || op.method !== "post") return undefined;
  const last = tail.length === 1 && tail[0]?.kind === "literal" ? squashName(tail[0].value) : undefined;
  const action = tail.length === 0 || (last !== undefined && registerWords.has(last)) ? "register" : last !== undefined && loginWords.has(last) ? "login" : undefined;
  if (!action) return undefined;
  const trial: Diagnostic[] = [];
  const envelopes = bindEnvelopes({ op, action: "create", model, schemas, diagnostics: trial });
  const body = requestRecordSchema({ op, envelope: envelopes.requestEnvelope, schemas });
  const properties = body ? (objectProperties({ node: body, schemas }) ?? []) : [];
  const password = propertyNamed({ properties, name: "password" });
  if (!password) return undefined;
  const identifier = propertyNamed({ properties, name: columns.identifier });
  const where = `${op.method.toUpperCase()} ${op.path}`;
  if (!identifier?.required || !password.required) return { ok: false, why: `${where} sends a password, but not ${columns.identifier} and password both required, as the accounts' ${action === "login" ? "login" : "sign-up"} takes them` };
  const others = properties.filter((p) => p !== identifier && p !== password);
  const response = responseRecordSchema({ op, envelope: envelopes.responseEnvelope, list: false, schemas });
  const answered = response ? (objectProperties({ node: response, schemas }) ?? []) : [];
  const token = answered.find((p) => callerToken({ model, property: p, schemas, userModel: columns.model }));
  if (action === "login") {
    if (others.length > 0) return { ok: false, why: `${where} looks like a login but also sends ${others.map((p) => p.name).join(", ")}` };
    if (!token) return { ok: false, why: `${where} looks like a login but its answer has no token property (token, accessToken) to give the caller` };
  } else {
    // By exact name: the accounts' user store reads each field by its column's name.
    const taken = new Set(columns.registerFields);
    const unknown = others.filter((p) => !taken.has(p.name));
    if (unknown.length > 0) return { ok: false, why: `${where} looks like a sign-up but also sends ${unknown.map((p) => p.name).join(", ")}, which registration does not write (it takes ${[columns.identifier, "password", ...columns.registerFields].join(", ")})` };
    const missing = columns.registerFields.filter((f) => !others.some((p) => p.required && p.name === f));
    if (missing.length > 0) return { ok: false, why: `${where} looks like a sign-up but does not require ${missing.join(", ")}, which registration needs` };
  }
  const envelopeLines = describeEnvelopes({ envelopes, model: model.name });
  const why = `${where} is the accounts' ${action === "login" ? "login" : "sign-up"} of ${model.name} (${columns.identifier} and password${token ? `; answers the access token in '${token.name}'` : ""})${envelopeLines.map((line) => `; ${line}`).join("")}`;
  return { ok: true, action, signIn: { identifier: identifier.name, password: password.name, ...(token ? { token: token.name } : {}) }, envelopes, why };
}
