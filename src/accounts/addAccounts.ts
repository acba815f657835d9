import type { AccountsAction, AccountsModel, ApiModel, DbModel, Diagnostic, JsonValue, Operation } from "../ir/types.js";
import type { AccountsOptions } from "../targets/TargetPlugin.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import { buildApiModel } from "../parsers/openapi/buildApiModel.js";
import { createSpecFile, type SpecFile } from "../parsers/openapi/SpecFile.js";
import { httpMethods } from "../parsers/openapi/readOperation.js";
import { accountsBearerScheme, accountsDocument, accountsOperationIds } from "./accountsDocument.js";
import { carriesBearerToken } from "./carriesBearerToken.js";
import { planAccounts } from "./planAccounts.js";

/** The file name the accounts routes carry as their source (no such file exists: vx-gen writes them). */
export const accountsFile = "<vx-gen accounts routes>";

/** The Prisma models accounts add to the project's schema (sessions, deny list, lockout, MFA). */
export const accountsTables = ["VxRefreshToken", "VxRevokedToken", "VxLoginThrottle", "VxMfa", "VxRecoveryCode"] as const;

/** The fragment's file as last read, by its text: an unchanged fragment gives the same objects to the reader's memo. */
let lastFragment: { text: string; file: SpecFile } | undefined;

function fragmentFile(document: JsonValue): SpecFile {
  const text = JSON.stringify(document);
  if (lastFragment?.text !== text) lastFragment = { text, file: createSpecFile({ file: accountsFile, key: accountsFile, value: JSON.parse(text) as unknown, format: "json", text }) };
  return lastFragment.file;
}

/** The document with an HTTP bearer scheme `name` defined, as the spec defines it (for reading only). */
function withScheme({ document, name }: { document: JsonValue; name: string }): JsonValue {
  if (typeof document !== "object" || document === null || Array.isArray(document)) return document;
  const components = document.components;
  const base = typeof components === "object" && components !== null && !Array.isArray(components) ? components : {};
  return { ...document, components: { ...base, securitySchemes: { [name]: { type: "http", scheme: "bearer" } } } };
}

const methodRank = new Map(httpMethods.map((m, i) => [m, i]));
const compareOperations = (a: Operation, b: Operation) => (a.path !== b.path ? (a.path < b.path ? -1 : 1) : (methodRank.get(a.method) ?? 0) - (methodRank.get(b.method) ?? 0));

export interface AddAccountsResult {
  api: ApiModel;
  accounts?: AccountsModel;
  diagnostics: Diagnostic[];
}

/**
 * Accounts and sessions for the user model (see `planAccounts`): their routes, read from an OpenAPI 3.1 document by
 * the spec's own reader, are added to the API bound as `accounts` operations (with `apiKeyTable`, the admins' routes
 * to the API keys too). A route, operation id, schema or
 * security scheme name the spec already uses, or a Prisma model named like an accounts table, is VX132 (nothing is
 * added, so nothing of the spec is shadowed).
 */
export function addAccounts({ api, db, options, apiKeyTable = false }: { api: ApiModel; db: DbModel; options: false | AccountsOptions | undefined; apiKeyTable?: boolean }): AddAccountsResult {
  const planned = planAccounts({ api, db, options });
  if (planned.ok === "off") return { api, diagnostics: [] };
  if (!planned.ok) return { api, diagnostics: planned.diagnostics };
  const { decision } = planned;
  const bearer = api.securitySchemes.filter(carriesBearerToken).sort((a, b) => (a.name < b.name ? -1 : 1))[0];
  const bearerScheme = bearer?.name ?? accountsBearerScheme;
  const tokenScheme = bearer?.kind === "apiKey" && bearer.tokenScheme !== undefined ? bearer.tokenScheme : "Bearer";
  const document = accountsDocument({ decision, bearerScheme, tokenScheme, addScheme: !bearer, enums: new Map(db.enums.map((e) => [e.name, e])), apiKeys: apiKeyTable });
  const diagnostics: Diagnostic[] = [];
  // Read with the spec's bearer scheme stood in for (the routes name it; it is the spec's, not added).
  const file = fragmentFile(bearer ? withScheme({ document, name: bearer.name }) : document);
  const read = buildApiModel({ root: file, files: new Map([[accountsFile, file]]), allFiles: [file], version: "3.1", written: "3.1.0", diagnostics });
  const fragment: ApiModel = { ...read, securitySchemes: read.securitySchemes.filter((s) => s.name !== bearer?.name) };
  const collisions = findCollisions({ api, db, fragment });
  if (collisions.length > 0) return { api, diagnostics: collisions };
  const actionOf = new Map(Object.entries(accountsOperationIds).map(([action, id]) => [id, action as AccountsAction]));
  const operations: AccountsModel["operations"] = [];
  const added = fragment.operations.map((op): Operation => {
    const action = actionOf.get(op.operationId) ?? "me";
    operations.push({ action, operationId: op.operationId });
    return { ...op, binding: { kind: "accounts", action, reason: `accounts route (${action}) of ${decision.model.name}` } };
  });
  operations.sort((a, b) => (a.operationId < b.operationId ? -1 : 1));
  const { model, ...rest } = decision;
  const accounts: AccountsModel = { kind: "accounts", ...rest, model: model.name, bearerScheme, tokenScheme, document, operations };
  diagnostics.push(
    createDiagnostic({
      code: "VX135",
      message: `accounts for ${model.name} (identifier ${decision.identifier.field}): ${added.map((op) => `${op.method.toUpperCase()} ${op.path}`).join(", ")}`,
      ...(decision.source.kind === "openapi" ? { location: { file: decision.source.file, pointer: decision.source.pointer } } : {}),
      help: "set `options.auth.accounts: false` in the config to leave them out",
    }),
  );
  return {
    api: {
      ...api,
      operations: [...api.operations, ...added].sort(compareOperations),
      schemas: [...api.schemas, ...fragment.schemas].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      securitySchemes: [...api.securitySchemes, ...fragment.securitySchemes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    },
    accounts,
    diagnostics,
  };
}

function findCollisions({ api, db, fragment }: { api: ApiModel; db: DbModel; fragment: ApiModel }): Diagnostic[] {
  const found: Diagnostic[] = [];
  const collide = (what: string, source: { file: string; pointer: string } | undefined) =>
    found.push(
      createDiagnostic({
        code: "VX132",
        message: `accounts cannot be added: ${what}`,
        ...(source ? { location: { file: source.file, pointer: source.pointer } } : {}),
        help: "rename it, move the accounts routes with `options.auth.accounts.path`, or turn accounts off with `options.auth.accounts: false`",
      }),
    );
  const template = (path: string) => path.replace(/\{[^}]*\}/g, "{}");
  for (const op of fragment.operations) {
    const same = api.operations.find((o) => o.method === op.method && template(o.path) === template(op.path));
    if (same) collide(`the spec already has ${op.method.toUpperCase()} ${same.path}`, same.source);
    const id = api.operations.find((o) => o.operationId.toLowerCase() === op.operationId.toLowerCase());
    if (id) collide(`the spec already has an operation ${id.operationId}`, id.source);
  }
  for (const schema of fragment.schemas) {
    const same = api.schemas.find((s) => s.name === schema.name);
    if (same) collide(`the spec already has a schema ${same.name}`, same.source);
  }
  for (const scheme of fragment.securitySchemes) {
    const same = api.securitySchemes.find((s) => s.name === scheme.name);
    if (same) collide(`the spec already has a security scheme ${same.name}`, same.source);
  }
  for (const table of accountsTables) {
    const same = db.models.find((m) => m.name.toLowerCase() === table.toLowerCase());
    if (same) found.push(createDiagnostic({ code: "VX132", message: `accounts cannot be added: the Prisma schema already has a model ${same.name}`, location: { file: same.source.file, line: same.source.line, column: same.source.column }, help: "rename the model, or turn accounts off with `options.auth.accounts: false`" }));
  }
  return found;
}
