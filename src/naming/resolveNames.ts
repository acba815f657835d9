import type { ApiModel, DbModel, Diagnostic, SecurityScheme, Source } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import { allocateNames, toLocation } from "./allocateNames.js";
import { resolveOperationGroups } from "./resolveOperationGroups.js";
import { fileStem } from "./fileStem.js";
import type { ModelNames, NameTable, OperationNames, SchemeNames } from "./NameTable.js";
import { camelCase, globalTypeNames, isIdentifier, pascalCase, pluralize, reservedWords } from "./caseConversion.js";

/** A type name that is a valid identifier and shadows nothing global. */
function typeBase({ original, source, what, diagnostics }: { original: string; source: Source; what: string; diagnostics: Diagnostic[] }): string {
  let base = pascalCase(original);
  if (base === "") base = "Unnamed";
  if (!isIdentifier(base)) base = `_${base}`;
  if (base !== original && !isIdentifier(original)) {
    diagnostics.push(
      createDiagnostic({
        code: "VX400",
        message: `${what} '${original}' is not a valid identifier; the generated code calls it '${base}'`,
        location: toLocation(source),
      }),
    );
  }
  if (globalTypeNames.has(base)) {
    diagnostics.push(
      createDiagnostic({
        code: "VX402",
        severity: "info",
        message: `${what} '${original}' would shadow the built-in '${base}'; the generated code calls it '${base}Schema'`,
        location: toLocation(source),
      }),
    );
    base = `${base}Schema`;
  }
  return base;
}

function valueName(input: string): string {
  let name = camelCase(input);
  if (name === "") name = "unnamed";
  if (!isIdentifier(name)) name = `_${name}`;
  if (reservedWords.has(name)) name = `${name}Op`;
  return name;
}

/** Suffixes generators append to an operation's type prefix; the resolver keeps them clear of schema type names. */
export const operationTypeSuffixes = ["Request", "Response", "Params", "Query", "Headers", "Cookies", "Body", "Handler", "Auth"];

function pushSource({ into, source }: { into: (string | number)[]; source: Source }): void {
  if (source.kind === "openapi") into.push(source.file, source.pointer);
  else into.push(source.file, source.line, source.column);
}

/** Everything names depend on: names and places of schemas, operations (and their first tags), enums, models and views, in order. */
function signatureOf({ api, db }: { api: ApiModel | null; db: DbModel | null }): (string | number)[] {
  const into: (string | number)[] = [];
  for (const schema of api?.schemas ?? []) {
    into.push(schema.name);
    pushSource({ into, source: schema.source });
  }
  into.push("\u0000");
  for (const op of api?.operations ?? []) {
    into.push(op.operationId);
    pushSource({ into, source: op.source });
    // The group: the first tag (a number stands for none, as no tag is one).
    into.push(op.tags[0] ?? 0);
  }
  into.push("\u0000");
  for (const scheme of api?.securitySchemes ?? []) into.push(scheme.name);
  into.push("\u0000");
  for (const item of [...(db?.enums ?? []), ...(db?.models ?? []), ...(db?.views ?? [])]) {
    into.push(item.name);
    pushSource({ into, source: item.source });
  }
  return into;
}

/** The last call's signature and answer: a watch run that changed no name (most edits) gets the same table back. */
let previous: { signature: (string | number)[]; names: NameTable; diagnostics: Diagnostic[] } | undefined;

/**
 * The one place identifiers and file names are decided. Returns the name table and diagnostics for names that are
 * not identifiers (VX400), collide after case conversion (VX401) or shadow built-ins (VX402).
 */
export function resolveNames({ api, db }: { api: ApiModel | null; db: DbModel | null }): {
  names: NameTable;
  diagnostics: Diagnostic[];
} {
  const signature = signatureOf({ api, db });
  const last = previous;
  if (last && last.signature.length === signature.length && last.signature.every((item, i) => item === signature[i])) {
    return { names: last.names, diagnostics: last.diagnostics.map((d) => ({ ...d })) };
  }
  const resolved = resolveNamesAnew({ api, db });
  previous = { signature, names: resolved.names, diagnostics: resolved.diagnostics.map((d) => ({ ...d })) };
  return resolved;
}

/** Each security scheme's verifier function and file stem, unique (a suffix settles collisions, smallest name first). */
function resolveSchemeNames(schemes: readonly SecurityScheme[]): Map<string, SchemeNames> {
  const candidates = (base: (name: string) => string) => schemes.map((s) => ({ original: s.name, base: base(s.name), source: s.source, what: "security scheme" }));
  const verifiers = allocateNames({ candidates: candidates((name) => `verify${pascalCase(name) || "Scheme"}`), taken: new Set(), diagnostics: [] });
  const files = allocateNames({ candidates: candidates((name) => fileStem({ name, fallback: "scheme" })), taken: new Set(), diagnostics: [] });
  const result = new Map<string, SchemeNames>();
  for (const { name } of schemes) result.set(name, { verifier: verifiers.get(name) ?? "verifyScheme", file: files.get(name) ?? "scheme" });
  return result;
}

function resolveNamesAnew({ api, db }: { api: ApiModel | null; db: DbModel | null }): {
  names: NameTable;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const typeNamesTaken = new Set<string>();

  const schemaNames = allocateNames({
    candidates: (api?.schemas ?? []).map((schema) => ({
      original: schema.name,
      base: typeBase({ original: schema.name, source: schema.source, what: "schema", diagnostics }),
      source: schema.source,
      what: "schema",
    })),
    taken: typeNamesTaken,
    diagnostics,
  });

  const enumNames = allocateNames({
    candidates: (db?.enums ?? []).map((e) => ({ original: e.name, base: pascalCase(e.name), source: e.source, what: "enum" })),
    taken: new Set<string>(),
    diagnostics,
  });

  const modelList = [...(db?.models ?? []), ...(db?.views ?? [])];
  const modelNames = new Map<string, ModelNames>();
  const modelFiles = allocateNames({
    candidates: modelList.map((m) => ({ original: m.name, base: fileStem({ name: m.name, fallback: "model" }), source: m.source, what: "model" })),
    taken: new Set<string>(),
    diagnostics,
  });
  for (const model of modelList) {
    const variable = model.name.charAt(0).toLowerCase() + model.name.slice(1);
    modelNames.set(model.name, {
      type: model.name.charAt(0).toUpperCase() + model.name.slice(1),
      variable,
      plural: pluralize(variable),
      file: modelFiles.get(model.name) ?? fileStem({ name: model.name, fallback: "model" }),
    });
  }

  // Operation type prefixes must not make `<Prefix>Request` etc. equal a schema type.
  const schemaTypeSet = new Set(schemaNames.values());
  const operations = api?.operations ?? [];
  const opTypes = allocateNames({
    candidates: operations.map((op) => {
      let base = typeBase({ original: op.operationId, source: op.source, what: "operationId", diagnostics });
      if (operationTypeSuffixes.some((suffix) => schemaTypeSet.has(base + suffix))) base = `${base}Operation`;
      return { original: op.operationId, base, source: op.source, what: "operationId" };
    }),
    taken: new Set<string>(),
    diagnostics,
  });
  const opNames = new Map<string, OperationNames>();
  const handlerTaken = new Set<string>();
  const handlers = allocateNames({
    candidates: operations.map((op) => ({ original: op.operationId, base: valueName(op.operationId), source: op.source, what: "operationId" })),
    taken: handlerTaken,
    diagnostics: [],
  });
  const files = allocateNames({
    candidates: operations.map((op) => ({ original: op.operationId, base: fileStem({ name: op.operationId, fallback: "operation" }), source: op.source, what: "operationId" })),
    taken: new Set<string>(),
    diagnostics: [],
  });
  const groups = resolveOperationGroups({ operations, diagnostics });
  for (const op of operations) {
    const group = groups.get(op.operationId);
    if (!group) throw new Error(`resolveNames: no group for operation '${op.operationId}'`);
    opNames.set(op.operationId, {
      handler: handlers.get(op.operationId) ?? valueName(op.operationId),
      type: opTypes.get(op.operationId) ?? pascalCase(op.operationId),
      file: files.get(op.operationId) ?? fileStem({ name: op.operationId, fallback: "operation" }),
      group,
    });
  }

  const schemeNames = resolveSchemeNames(api?.securitySchemes ?? []);

  const lookup = <T>(map: Map<string, T>, key: string, what: string): T => {
    const value = map.get(key);
    if (value === undefined) throw new Error(`resolveNames: no ${what} named '${key}'`);
    return value;
  };
  const names: NameTable = {
    schemaType: (name) => lookup(schemaNames, name, "schema"),
    model: (name) => lookup(modelNames, name, "model"),
    operation: (operationId) => lookup(opNames, operationId, "operation"),
    enumType: (name) => lookup(enumNames, name, "enum"),
    securityScheme: (name) => lookup(schemeNames, name, "security scheme"),
  };
  return { names, diagnostics };
}
