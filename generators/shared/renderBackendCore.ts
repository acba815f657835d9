import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ejs from "ejs";
import type { ApiModel, DbModel, DbProvider, Diagnostic, IrDocument } from "../../src/ir/types.js";
import type { NameTable } from "../../src/naming/NameTable.js";
import type { TargetOptions } from "../../src/targets/TargetPlugin.js";
import { createDiagnostic } from "../../src/diagnostics/createDiagnostic.js";
import { detectSpecFormat, parseSpecText } from "../../src/parsers/openapi/parseSpecText.js";
import { lastReadSpec } from "../../src/parsers/openapi/readSpecFile.js";
import { buildValidationSchemas, type ValidationSchemas } from "./buildValidationSchemas.js";
import { EnumMaps } from "./enumMaps.js";
import type { DraftFile } from "./finishFiles.js";
import { modelSchemas } from "./modelSchemas.js";
import { modelView, type ModelView } from "./modelView.js";
import { reusedOperationView, type OperationView } from "./operationView.js";
import { planBoundHandler } from "./planBoundHandler.js";
import { MapperPlanner } from "./planMapper.js";
import { prismaSchemaForProject } from "./prismaSchemaForProject.js";
import { renderFactories } from "./renderFactories.js";
import { renderBoundHandlers, renderHandlerIndex, renderHandlerScaffold, type HandlerAssignment } from "./renderHandlers.js";
import { renderMapper } from "./renderMapper.js";
import { defaultDatabaseUrl, renderProjectFiles, type ProjectDependencies } from "./renderProjectFiles.js";
import { renderRepository } from "./renderRepository.js";
import { secretLiterals, secretNames, type SecretNames } from "./secretNames.js";
import { serverLimits, type LimitView } from "./serverLimits.js";
import { renderSecurityTypes, renderVerifierIndex, renderVerifierScaffold, schemeViews, type SchemeView } from "./renderSecurity.js";
import { renderServiceBase, renderServiceIndex, renderServiceScaffold } from "./renderServices.js";
import { renderModelTests, renderTodoTests } from "./renderTests.js";
import { renderServiceTests } from "./renderBehaviourTests.js";
import { renderHttpTypes, renderOperationTypes, renderSchemaTypes } from "./renderTypes.js";
import { renderValidators, type RenderedValidators } from "./renderValidators.js";
import { validationSchemaFiles } from "./validationSchemaFiles.js";
import { PieceMemo } from "./pieceMemo.js";
import { RenderRun } from "./renderRun.js";
import { templatesDir, toolkitRoot } from "./toolkitRoot.js";
import { objectKey } from "../../src/emit/objectKey.js";
import { tsString } from "../../src/emit/tsString.js";

export interface BackendCore {
  drafts: DraftFile[];
  diagnostics: Diagnostic[];
  views: OperationView[];
  assignments: HandlerAssignment[];
  schemes: SchemeView[];
  /** Where routes are mounted (`/api/v1`), `""` for the root. */
  basePath: string;
  provider: DbProvider | undefined;
  /** Passed to the target's templates. */
  templateData: { hasDb: boolean; basePath: string; defaultDatabaseUrl: string; schemeNames: string[]; provider: string; secrets: Record<keyof SecretNames, string>; limits: LimitView[] };
  /** Pathname of the validation schemas the target writes its routes against. */
  pathKeys: (view: OperationView) => ReadonlyMap<string, string>;
  /** The schemas validation and serialization use (each operation's parameters, response schemas, media types). */
  validationSchemas: ValidationSchemas;
  /** Per operationId, the validator modules it uses (see `RenderedValidators.modules`). */
  validatorModules: RenderedValidators["modules"];
}

/** Handler scaffolds by operation view and the reason the handler is not generated. */
const scaffoldMemo = new PieceMemo<OperationView, ReturnType<typeof renderHandlerScaffold>>("handlerScaffold");

const supportedProviders = new Set<DbProvider>(["sqlite", "postgresql", "cockroachdb", "mysql"]);

/** The path of the first server URL (`http://x/api/v1/` -> `/api/v1`), server variables at their defaults. */
export function basePathOf(api: ApiModel): string {
  const server = api.servers[0];
  if (!server) return "";
  let url = server.url;
  for (const v of server.variables) url = url.split(`{${v.name}}`).join(v.default);
  let path: string;
  try {
    path = new URL(url, "http://localhost").pathname;
  } catch {
    path = "";
  }
  try {
    path = decodeURI(path);
  } catch {
    // A malformed escape (`%E0%A4%A`) stays as written: a strange server URL is no reason to stop.
  }
  path = path.replace(/\/+$/, "");
  return path === "/" ? "" : path;
}

/** Template texts by path: read once per process (they are part of vx-gen, not of the user's project). */
const templateTexts = new Map<string, Promise<string>>();

async function template({ plugin, file, data }: { plugin: string; file: string; data: Record<string, unknown> }): Promise<string> {
  const path = join(templatesDir(plugin), file);
  let read = templateTexts.get(path);
  if (!read) {
    read = readFile(path, "utf8");
    templateTexts.set(path, read);
    read.catch(() => templateTexts.delete(path));
  }
  const text = await read;
  return file.endsWith(".ejs") ? ejs.render(text, data) : text;
}

/**
 * The original document as JSON (served at /openapi.json and /docs), from what the reader read and parsed (not read
 * again): a JSON spec byte for byte, as bytes (it parsed; re-printing 10 MB costs more than the rest of a watch run,
 * and decoding and re-encoding it ~100 ms), a YAML spec as its parsed value printed as JSON (read again and parsed
 * with the reader's own fast YAML parser only when the reader no longer keeps it; the `yaml` package takes 4 s on
 * Stripe's 4 MB).
 */
async function documentJson(api: ApiModel): Promise<{ bytes: Buffer } | { text: string }> {
  const known = lastReadSpec(api.file);
  let bytes = known?.bytes ?? (await readFile(api.file));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  // A `.json` file that starts like JSON parsed as JSON when it was read (else it would have stopped with VX100).
  if (/\.json$/i.test(api.file) && detectSpecFormat({ text: bytes.subarray(0, 4096).toString("latin1") }) === "json") {
    // Byte for byte, without even a final newline added: the copy is then the very buffer the reader (and, in `watch`,
    // the watcher) hashed, so its manifest hash is known, and no 13 MB copy is made per run.
    return { bytes };
  }
  if (known) return { text: `${JSON.stringify(known.value, null, 2)}\n` };
  const parsed = parseSpecText({ file: api.file, text: bytes.toString("utf8") });
  return { text: `${JSON.stringify(parsed.ok ? parsed.value : {}, null, 2)}\n` };
}

/**
 * Everything a backend needs that does not depend on the web framework: types, validation schemas, security contract,
 * and with a database the Prisma schema, repositories, services, data mapper, generated handlers, scaffolds and tests.
 * The target plugin adds routing, request/response adaptation, error handling and bootstrap.
 */
export async function renderBackendCore({
  ir,
  names,
  options,
  deps,
  pathKeys,
}: {
  ir: IrDocument;
  names: NameTable;
  options: TargetOptions;
  deps: ProjectDependencies;
  pathKeys: (view: OperationView) => ReadonlyMap<string, string>;
}): Promise<BackendCore> {
  const diagnostics: Diagnostic[] = [];
  const api: ApiModel = ir.api ?? { kind: "api", file: "", files: [], specVersion: "3.1.0", info: { title: "api", version: "0.1.0" }, servers: [], operations: [], schemas: [], securitySchemes: [], webhooks: [] };
  let db: DbModel | null = ir.db;
  if (db && !supportedProviders.has(db.provider)) {
    diagnostics.push(
      createDiagnostic({
        code: "VX510",
        message: `database provider '${db.provider}' has no Prisma driver adapter in this target; the project is generated without a database`,
        location: { file: db.file },
      }),
    );
    db = null;
  }
  const provider = db?.provider;
  const hasDb = db !== null;
  const basePath = options.basePath !== undefined ? options.basePath.replace(/\/+$/, "") : basePathOf(api);
  const { forcedReadOnly } = modelSchemas({ api, db });
  // Pieces of output are reused from the previous render where what they were made from is the same (see PieceMemo).
  const run = new RenderRun({ names, schemas: api.schemas, forcedReadOnly });
  const schemas = run.schemas;
  const views = api.operations.map((op) => reusedOperationView({ op, run }));
  const schemes = schemeViews({ schemes: api.securitySchemes, names });
  const drafts: DraftFile[] = [];
  const gen = (path: string, content: string) => drafts.push({ path, content, ownership: "generated" });
  const laidOut = (path: string, content: string, stamp?: object) => drafts.push({ path, content, ownership: "generated", laidOut: true, ...(stamp ? { stamp } : {}) });
  const scaffold = (path: string, content: string, declarations?: { name: string; code: string }[]) =>
    drafts.push({ path, content, ownership: "scaffold", ...(declarations ? { declarations } : {}) });
  const data = {
    hasDb,
    basePath,
    defaultDatabaseUrl: provider ? defaultDatabaseUrl(provider) : "",
    schemeNames: schemes.map((s) => s.scheme.name),
    // Spec strings as templates print them (templates never escape): object-literal keys and a string literal.
    schemeKeys: schemes.map((s) => objectKey(s.scheme.name)),
    basePathLiteral: tsString(basePath),
    provider: provider ?? "",
    secrets: secretLiterals(secretNames(api.securitySchemes)),
    limits: serverLimits(views),
  };

  // Types.
  for (const variant of ["request", "response"] as const) {
    const types = renderSchemaTypes({ api, names, variant, forcedReadOnly, path: "", run });
    laidOut(`src/generated/types/schemas.${variant}.ts`, types.content, types.stamp);
  }
  gen("src/generated/types/http.ts", renderHttpTypes({ path: "" }).content);
  const operationTypes = renderOperationTypes({
    views,
    names,
    path: "src/generated/types/operations.ts",
    dir: "src/generated/types/operations",
    imports: { context: "../../runtime/context.js", request: "../schemas.request.js", response: "../schemas.response.js", http: "../http.js" },
    run,
  });
  gen(operationTypes.index.path, operationTypes.index.content);
  for (const group of operationTypes.groups) laidOut(group.path, group.content, group.stamp);

  // Runtime pieces every target uses.
  for (const file of ["errors.ts", "listQuery.ts", "projectRoot.ts"]) gen(`src/generated/runtime/${file}`, await template({ plugin: "shared", file: `runtime/${file}`, data }));
  for (const file of ["context.ts", "limits.ts", "secrets.ts"]) gen(`src/generated/runtime/${file}`, await template({ plugin: "shared", file: `runtime/${file}.ejs`, data }));
  // OpenAPI parameter styles: the validators' run-time module, copied verbatim (it has no imports).
  gen("src/generated/runtime/parseParameters.ts", await readFile(join(toolkitRoot(), "src", "runtime", "parseParameters.ts"), "utf8"));
  // Request validators are compiled now (nothing compiles at start-up); responses are the serializer's schemas.
  const validationSchemas = buildValidationSchemas({ api, views, forcedReadOnly, pathKeys, run });
  const validators = await renderValidators({ views, schemas: validationSchemas, run });
  drafts.push(...validators.drafts);
  diagnostics.push(...validators.diagnostics);
  // Data, printed by JSON.stringify (prettier took seconds on Stripe's 1.3 MB of schemas); the spec copy verbatim.
  for (const file of validationSchemaFiles({ schemas: validationSchemas, views, dir: "src/generated/validation", run })) laidOut(file.path, file.content, file.stamp);
  const document = ir.api ? await documentJson(api) : { text: "{}\n" };
  if ("bytes" in document) drafts.push({ path: "src/generated/openapi.json", content: "", bytes: document.bytes, ownership: "generated" });
  else laidOut("src/generated/openapi.json", document.text);

  // Security: the contract, and one verifier per scheme that denies until written.
  gen("src/generated/security/types.ts", renderSecurityTypes({ schemes }));
  gen("src/generated/security/verifiers.ts", renderVerifierIndex({ schemes }));
  for (const scheme of schemes) {
    const s = renderVerifierScaffold({ scheme });
    scaffold(`src/security/${scheme.file}.ts`, s.content, [s.declaration]);
  }

  // Database: repositories, services, mapper, handlers for bound operations.
  const modelViews = new Map<string, ModelView>();
  const enumMaps = new EnumMaps();
  const assignments: HandlerAssignment[] = [];
  let mappers: MapperPlanner | undefined;
  if (db) {
    for (const model of db.models) modelViews.set(model.name, modelView({ model, names, db }));
    mappers = new MapperPlanner({ names, schemas, enums: new Map(db.enums.map((e) => [e.name, e])), enumMaps, views: modelViews, forcedReadOnly });
  }
  for (const view of views) {
    if (!mappers) {
      assignments.push({ view, kind: "scaffold", reason: view.op.binding.kind === "unbound" ? view.op.binding.reason : "no database" });
      continue;
    }
    const enumsMap = new Map((db?.enums ?? []).map((e) => [e.name, e]));
    const plan = planBoundHandler({
      view,
      views: modelViews,
      mappers,
      names,
      schemas,
      convert: ({ enumImports }) => ({
        enums: enumsMap,
        enumMaps,
        useEnumTable: (name) => enumImports.add(name),
        apiType: () => "unknown",
      }),
    });
    const binding = view.op.binding;
    if ("reason" in plan) {
      assignments.push({ view, kind: "scaffold", reason: plan.reason });
      if (binding.kind === "bound" && binding.action !== "custom") {
        diagnostics.push(
          createDiagnostic({
            code: "VX511",
            message: `${view.op.operationId} is bound to ${binding.model} (${binding.action}) but gets a handler for you to write: ${plan.reason}`,
            location: { file: view.op.source.file, pointer: view.op.source.pointer },
          }),
        );
      }
    } else {
      assignments.push({ view, kind: "bound", model: binding.kind === "bound" ? modelViews.get(binding.model) : undefined, plan });
    }
  }

  for (const a of assignments.filter((x) => x.kind === "scaffold")) {
    const s = scaffoldMemo.get({ key: a.view, extra: a.reason ?? "", compute: () => renderHandlerScaffold({ assignment: a }) });
    // Printed as prettier would: a big spec has a thousand of these, and prettier takes ~15 ms per file.
    drafts.push({ path: `src/handlers/${a.view.names.file}.ts`, content: s.content, ownership: "scaffold", declarations: [s.declaration], laidOut: true });
  }
  gen("src/generated/handlers/index.ts", renderHandlerIndex({ assignments }));

  if (db && mappers && provider) {
    const views = [...modelViews.values()];
    gen("prisma/schema.prisma", await prismaSchemaForProject({ db, provider: provider === "cockroachdb" ? "cockroachdb" : provider, clientOutput: "../src/generated/prisma" }));
    gen("src/generated/db/DbClient.ts", `import type { Prisma } from "../prisma/client.js";\n\n/** The application's Prisma Client or a transaction's: repositories work on either. */\nexport type DbClient = Prisma.TransactionClient;\n`);
    gen("src/generated/db/createAdapter.ts", await template({ plugin: "shared", file: "db/createAdapter.ts.ejs", data }));
    gen("src/generated/db/prismaClient.ts", await template({ plugin: "shared", file: "db/prismaClient.ts", data }));
    gen("src/generated/db/pushSchema.ts", await template({ plugin: "shared", file: "db/pushSchema.ts", data }));
    gen("src/generated/db/dbPush.ts", await template({ plugin: "shared", file: "db/dbPush.ts.ejs", data }));
    gen("src/generated/db/mapPrismaError.ts", await template({ plugin: "shared", file: "db/mapPrismaError.ts", data }));
    const index = renderServiceIndex({ views });
    gen("src/generated/db/unitOfWork.ts", index.unitOfWork);
    gen("src/generated/services/index.ts", index.services);
    gen("src/generated/services/ServiceDeps.ts", index.deps);
    for (const view of views) {
      const byModel = assignments.filter((a) => a.model === view);
      if (byModel.length > 0) gen(`src/generated/handlers/${view.names.file}.handlers.ts`, renderBoundHandlers({ model: view, assignments: byModel }));
      const mod = mappers.module(view);
      gen(`src/generated/repositories/${view.names.file}.repository.ts`, renderRepository({ view, includes: mod.includes }));
      if (mod.functions.size > 0) gen(`src/generated/mappers/${view.names.file}.mapper.ts`, renderMapper({ mod }));
      gen(`src/generated/services/${view.names.file}.service.base.ts`, renderServiceBase({ view }));
      const s = renderServiceScaffold({ view });
      scaffold(`src/services/${view.names.file}.service.ts`, s.content, [s.declaration]);
      const tests = renderModelTests({ model: view, assignments, views: modelViews, schemas, forcedReadOnly });
      if (tests) gen(`test/generated/${view.names.file}.test.ts`, tests);
      gen(`test/generated/${view.names.file}.service.test.ts`, renderServiceTests({ view }));
    }
    if (!enumMaps.isEmpty()) gen("src/generated/mappers/enums.ts", enumMaps.render({ prismaImport: "../prisma/client.js" }));
    gen(
      "test/generated/support/factories.ts",
      renderFactories({ views, enumFirstValue: (name) => db?.enums.find((e) => e.name === name)?.values[0]?.name }),
    );
  }
  for (const file of renderTodoTests({ assignments, schemas, forcedReadOnly, dir: "test/generated/not-generated", run })) {
    drafts.push({ path: file.path, content: file.content, ownership: "generated", stamp: file.stamp });
  }
  gen("test/generated/support/assertions.ts", await template({ plugin: "shared", file: "test/assertions.ts", data }));
  // Tests of the run-time modules every project ships: fixed in shape, like the modules they test.
  for (const file of ["errors", "limits", "listQuery", "parseParameters", "secrets"]) gen(`test/generated/runtime/${file}.test.ts`, await template({ plugin: "shared", file: `test/runtime/${file}.test.ts`, data }));
  if (hasDb) gen("test/generated/db/mapPrismaError.test.ts", await template({ plugin: "shared", file: "test/db/mapPrismaError.test.ts", data }));
  drafts.push(...renderProjectFiles({ api, provider, deps: { ...deps, runtime: [...deps.runtime, ...validators.runtimeDependencies] }, basePath, limits: data.limits }));

  return {
    drafts,
    diagnostics,
    views,
    assignments,
    schemes,
    basePath,
    provider,
    templateData: data,
    pathKeys,
    validationSchemas,
    validatorModules: validators.modules,
  };
}
