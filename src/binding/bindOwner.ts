import type { Binding, Diagnostic, Model, Operation, SecurityScheme } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import { carriesBearerToken } from "../accounts/carriesBearerToken.js";

type Bound = Extract<Binding, { kind: "bound" }>;

/** Where an operation's `x-vx-owner` was written, for its diagnostics. */
function locationOf(hint: NonNullable<Operation["ownerHint"]>): Diagnostic["location"] {
  return { file: hint.source.file, pointer: hint.source.pointer };
}

/**
 * The binding of an operation with its `x-vx-owner` checked: the owner field added when it names a String column of
 * the bound model and only authenticated callers can reach the operation; else the diagnostic saying why not (the
 * operation then is not generated open: the error stops generation).
 */
export function bindOwner({ op, binding, model }: { op: Operation; binding: Binding; model: Model | undefined }): { binding: Binding; diagnostic?: Diagnostic } {
  const hint = op.ownerHint;
  if (!hint) return { binding };
  const where = `${op.method.toUpperCase()} ${op.path}`;
  if (binding.kind !== "bound" || binding.action === "custom" || !model) {
    return {
      binding,
      diagnostic: createDiagnostic({
        code: "VX128",
        message: `x-vx-owner on ${where}, which vx-gen does not serve from a model (${binding.reason}), so it cannot scope it to its owner`,
        location: locationOf(hint),
        help: "bind the operation to a model (x-vx-model) as a list, get, create, update, replace or delete; or remove x-vx-owner and check the owner in your handler (`ownerOf(context.auth)`)",
      }),
    };
  }
  if (op.security.length === 0 || op.security.some((alternative) => alternative.schemes.length === 0)) {
    return {
      binding,
      diagnostic: createDiagnostic({
        code: "VX127",
        message: `x-vx-owner on ${where}, which ${op.security.length === 0 ? "has no security requirement" : "has an anonymous alternative (`{}`)"}: an anonymous caller owns nothing`,
        location: locationOf(hint),
        help: "give the operation a security requirement whose schemes all authenticate the caller (a JWT bearer, OAuth 2 or OpenID Connect scheme gives the subject)",
      }),
    };
  }
  const field = model.fields.find((f) => f.name === hint.field);
  if (!field || field.kind !== "scalar" || field.type !== "String" || field.isList) {
    const what = !field ? "has no such field" : field.kind !== "scalar" ? `has it as a ${field.kind} field` : `has it as ${field.type}${field.isList ? "[]" : ""}`;
    const candidates = model.fields.filter((f) => f.kind === "scalar" && f.type === "String" && !f.isList).map((f) => f.name);
    return {
      binding,
      diagnostic: createDiagnostic({
        code: "VX126",
        message: `x-vx-owner names '${hint.field}', but model ${model.name} ${what}; the owner is the caller's subject, kept in a String column`,
        location: locationOf(hint),
        help: candidates.length > 0 ? `name one of ${model.name}'s String fields: ${candidates.join(", ")}` : `add a String field such as \`ownerId String\` to model ${model.name}`,
      }),
    };
  }
  const owned: Bound = { ...binding, owner: { field: field.name } };
  return { binding: owned };
}

/** Scheme kinds whose default verifier gives the caller's subject (a JWT's `sub`; a table API key's owner). */
function givesSubject({ scheme, apiKeySubjects }: { scheme: SecurityScheme | undefined; apiKeySubjects: boolean }): boolean {
  if (!scheme) return false;
  if (carriesBearerToken(scheme)) return true;
  if (scheme.kind === "apiKey") return apiKeySubjects;
  return scheme.kind === "oauth2" || scheme.kind === "openIdConnect";
}

/**
 * VX130 for an owner-scoped operation none of whose alternatives has a scheme whose default verifier names the caller
 * (API keys, unless `apiKeySubjects`: kept in the VxApiKey table, with an owner; basic, mutual TLS): every call is 403 until a verifier of yours returns a principal with a `subject`.
 */
export function ownerWithoutSubject({ operations, schemes, apiKeySubjects = false }: { operations: readonly Operation[]; schemes: readonly SecurityScheme[]; apiKeySubjects?: boolean }): Diagnostic[] {
  const byName = new Map(schemes.map((s) => [s.name, s]));
  const diagnostics: Diagnostic[] = [];
  for (const op of operations) {
    if (op.binding.kind !== "bound" || !op.binding.owner || !op.ownerHint) continue;
    if (op.security.some((alternative) => alternative.schemes.some((s) => givesSubject({ scheme: byName.get(s.name), apiKeySubjects })))) continue;
    diagnostics.push(
      createDiagnostic({
        code: "VX130",
        message: `x-vx-owner on ${op.method.toUpperCase()} ${op.path}, whose security schemes (${[...new Set(op.security.flatMap((a) => a.schemes.map((s) => s.name)))].join(", ")}) give no subject by default: every call is 403 FORBIDDEN`,
        location: locationOf(op.ownerHint),
        help: "add a JWT bearer, OAuth 2 or OpenID Connect alternative, or make your verifier (src/security/) return a principal with a `subject`",
      }),
    );
  }
  return diagnostics;
}

/** VX129 for each model whose owner-scoped operations name different owner fields (one model, one owner column). */
export function ownerConflicts(operations: readonly Operation[]): Diagnostic[] {
  const byModel = new Map<string, { field: string; op: Operation }>();
  const diagnostics: Diagnostic[] = [];
  for (const op of operations) {
    const binding = op.binding;
    if (binding.kind !== "bound" || !binding.owner) continue;
    const first = byModel.get(binding.model);
    if (!first) {
      byModel.set(binding.model, { field: binding.owner.field, op });
      continue;
    }
    if (first.field === binding.owner.field || !op.ownerHint) continue;
    diagnostics.push(
      createDiagnostic({
        code: "VX129",
        message: `x-vx-owner on ${op.method.toUpperCase()} ${op.path} names '${binding.owner.field}', but ${first.op.method.toUpperCase()} ${first.op.path} names '${first.field}' for the same model ${binding.model}`,
        location: locationOf(op.ownerHint),
        help: `a model has one owner column: name the same field on every operation of ${binding.model}`,
      }),
    );
  }
  return diagnostics;
}
