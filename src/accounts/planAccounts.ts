import type { AccountsColumn, ApiModel, DbModel, Diagnostic, Model, ModelField, Source } from "../ir/types.js";
import type { AccountsOptions } from "../targets/TargetPlugin.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import { roleSpelling } from "./roleSpelling.js";

/** What planAccounts decided: the user model and its columns, before the routes are written. */
export interface AccountsDecision {
  model: Model;
  id: { field: string; numeric: boolean; type: string };
  identifier: AccountsColumn;
  identifierIsEmail: boolean;
  password: AccountsColumn;
  roles?: AccountsColumn;
  /** How the API spells the stored roles, where it differs (see `roleSpelling`). */
  roleSpelling?: { stored: string; api: string }[];
  registerFields: AccountsColumn[];
  path: string;
  mfa: boolean;
  source: Source | { kind: "config" };
}

const identifierNames = ["email", "username", "login"];
const passwordNames = ["passwordHash", "hashedPassword", "password"];
const roleNames = ["roles", "role"];
/** Scalar types registration can take from a JSON body. */
const registrable = new Set(["String", "Int", "Float", "Boolean", "DateTime"]);

function columnOf(field: ModelField): AccountsColumn {
  const fieldDefault = field.kind === "scalar" || field.kind === "enum" ? field.default : undefined;
  const given = fieldDefault?.kind === "literal" && typeof fieldDefault.value === "string" ? fieldDefault.value : undefined;
  return {
    field: field.name,
    type: field.type,
    list: field.isList,
    required: field.isRequired,
    isEnum: field.kind === "enum",
    ...(given === undefined ? {} : { defaultText: given }),
    source: field.source,
  };
}

type Found = { ok: true; decision: AccountsDecision } | { ok: false; diagnostics: Diagnostic[] } | { ok: "off" };

/**
 * Whether to generate accounts, and for which model and columns: a schema marked `x-vx-auth: user` (its model by
 * `x-vx-model` or name) or `options.auth.accounts` (`false` turns them off). The user model needs a unique String
 * identifier and a String password hash column; registration asks for every other required column without a default
 * (VX131 when one cannot come from a JSON body). Two marked schemas: VX133.
 */
export function planAccounts({ api, db, options }: { api: ApiModel; db: DbModel; options: false | AccountsOptions | undefined }): Found {
  if (options === false) return { ok: "off" };
  const marked = api.schemas.filter((s) => s.authRole === "user");
  if (marked.length > 1) {
    const [first, second] = marked;
    return {
      ok: false,
      diagnostics: [
        createDiagnostic({
          code: "VX133",
          message: `two schemas are marked \`x-vx-auth: user\` (${marked.map((s) => s.name).join(", ")}); accounts have one user model`,
          ...(second ? { location: { file: second.source.file, pointer: second.source.pointer } } : {}),
          ...(first ? { related: [{ message: "also marked here", location: { file: first.source.file, pointer: first.source.pointer } }] } : {}),
          help: "keep `x-vx-auth: user` on one schema",
        }),
      ],
    };
  }
  const schema = marked[0];
  if (!schema && options === undefined) return { ok: "off" };
  const modelName = options?.model ?? schema?.modelHint ?? schema?.name ?? "";
  const source: Source | { kind: "config" } = options?.model !== undefined || !schema ? { kind: "config" } : schema.source;
  const fail = (message: string, help: string): Found => ({
    ok: false,
    diagnostics: [createDiagnostic({ code: "VX131", message: `accounts cannot be generated: ${message}`, ...(source.kind === "openapi" ? { location: { file: source.file, pointer: source.pointer } } : {}), help })],
  });
  if (modelName === "") return fail("no user model is named", "set `options.auth.accounts.model`, or mark the user schema with `x-vx-auth: user`");
  const model = db.models.find((m) => m.name === modelName);
  if (!model) return fail(`the Prisma schema has no model ${modelName}`, "name an existing model in `options.auth.accounts.model` or `x-vx-model`");
  const idField = model.primaryKey?.fields.length === 1 ? model.fields.find((f) => f.name === model.primaryKey?.fields[0]) : undefined;
  if (!idField || idField.kind !== "scalar" || !["String", "Int", "BigInt"].includes(idField.type))
    return fail(`${model.name} has no single String or Int @id`, "give the model an `id` field (`String @id @default(uuid())` or `Int @id @default(autoincrement())`)");
  const scalar = (name: string) => model.fields.find((f) => f.name === name && (f.kind === "scalar" || f.kind === "enum"));
  const unique = (name: string) => model.uniques.some((u) => u.fields.length === 1 && u.fields[0] === name) || model.fields.some((f) => f.name === name && f.kind === "scalar" && f.isUnique);
  const pick = (given: string | undefined, names: string[]) => (given !== undefined ? scalar(given) : names.map(scalar).find((f) => f !== undefined));

  const identifier = pick(options?.identifier, identifierNames);
  if (!identifier || identifier.kind !== "scalar" || identifier.type !== "String" || identifier.isList || !unique(identifier.name))
    return fail(
      `${model.name} has no unique String identifier column${options?.identifier !== undefined ? ` named ${options.identifier}` : ` (${identifierNames.join(", ")})`}`,
      "add `email String @unique` (or `username`), or name the column in `options.auth.accounts.identifier`",
    );
  const password = pick(options?.password, passwordNames);
  if (!password || password.kind !== "scalar" || password.type !== "String" || password.isList || !password.isRequired)
    return fail(
      `${model.name} has no required String password hash column${options?.password !== undefined ? ` named ${options.password}` : ` (${passwordNames.join(", ")})`}`,
      "add `passwordHash String` (it holds a scrypt hash, never the password), or name it in `options.auth.accounts.password`",
    );
  const roles = pick(options?.roles, options?.roles !== undefined ? [] : roleNames);
  if (options?.roles !== undefined && !roles) return fail(`${model.name} has no column ${options.roles}`, "name a String or enum column (or a list of them) in `options.auth.accounts.roles`");
  if (roles && roles.kind === "scalar" && roles.type !== "String") return fail(`${model.name}.${roles.name} is not a String or enum column`, "roles are strings: use a String or enum column, or a list of them");
  if (roles && roles.kind !== "relation" && roles.kind !== "composite" && roles.isRequired && !roles.isList && roles.default === undefined)
    return fail(`${model.name}.${roles.name} is required and has no default, and registration never lets a caller choose roles`, `give it a default (\`@default(...)\`)`);

  const taken = new Set([idField.name, identifier.name, password.name, roles?.name]);
  const registerFields: AccountsColumn[] = [];
  for (const field of model.fields) {
    if (taken.has(field.name) || field.kind === "relation" || !field.isRequired || field.isList) continue;
    if (field.kind === "composite") return fail(`${model.name}.${field.name} is a composite type registration cannot fill`, "make it optional");
    if (field.default !== undefined || field.isUpdatedAt) continue;
    if (field.isForeignKey || (field.kind === "scalar" && !registrable.has(field.type)))
      return fail(`${model.name}.${field.name} is required, has no default, and cannot come from a registration body`, "give it a default, or make it optional");
    registerFields.push(columnOf(field));
  }
  const path = options?.path ?? "/auth";
  const roleEnum = roles?.kind === "enum" ? db.enums.find((e) => e.name === roles.type) : undefined;
  const spelling = roles && roleEnum ? roleSpelling({ api, dbEnum: roleEnum, schema, field: roles.name }) : undefined;
  return {
    ok: true,
    decision: {
      model,
      id: { field: idField.name, numeric: idField.type !== "String", type: idField.type },
      identifier: columnOf(identifier),
      identifierIsEmail: /mail/i.test(identifier.name),
      password: columnOf(password),
      ...(roles ? { roles: columnOf(roles) } : {}),
      ...(spelling ? { roleSpelling: spelling } : {}),
      registerFields,
      path,
      mfa: options?.mfa ?? true,
      source,
    },
  };
}
