import { derivedSlug } from "../../src/binding/derivedSlug.js";
import { indexSchemas } from "../../src/binding/schemaLookup.js";
import { readFile } from "node:fs/promises";
import type { ApiModel, DbModel, DbProvider, Diagnostic, IrDocument } from "../../src/ir/types.js";
import type { NameTable } from "../../src/naming/NameTable.js";
import { defaultOwnerInBody, type TargetOptions } from "../../src/targets/TargetPlugin.js";
import type { TargetRuntime } from "../../src/targets/TargetRuntime.js";
import { createDiagnostic } from "../../src/diagnostics/createDiagnostic.js";
import { derefSchema } from "../../src/binding/schemaLookup.js";
import { detectSpecFormat, parseSpecText } from "../../src/parsers/openapi/parseSpecText.js";
import type { SourceDocument } from "../../src/parsers/openapi/SourceDocument.js";
import { mixedMultipartBodies } from "./mixedMultipartBodies.js";
import { buildValidationSchemas, type ValidationSchemas } from "./buildValidationSchemas.js";
import { EnumMaps } from "./enumMaps.js";
import type { DraftFile } from "./finishFiles.js";
import { modelSchemas } from "./modelSchemas.js";
import { modelView, ownerColumns, type ModelView } from "./modelView.js";
import { defaultTestSubject } from "./planModelTests.js";
import { reusedOperationView, type OperationView } from "./operationView.js";
import { planBoundHandler } from "./planBoundHandler.js";
import { MapperPlanner } from "./planMapper.js";
import { planHttpTests } from "./planHttpTests.js";
import { prismaSchemaForProject } from "./prismaSchemaForProject.js";
import { mysqlScript } from "./mysqlScript.js";
import { renderFactories } from "./renderFactories.js";
import { renderBoundHandlers, renderHandlerIndex, renderHandlerScaffold, type HandlerAssignment } from "./renderHandlers.js";
import { renderMapper } from "./renderMapper.js";
import { defaultDatabaseUrl, driverAdapterKind, renderProjectFiles, type ProjectDependencies } from "./renderProjectFiles.js";
import { callerInView, renderRepository } from "./renderRepository.js";
import { secretLiterals, secretNames, type SecretNames } from "./secretNames.js";
import { hashedFieldNames, sensitiveFieldNames } from "./sensitiveFieldNames.js";
import { auditPrismaModel } from "./auditPrismaModel.js";
import { apiKeyPrismaModel } from "./apiKeyPrismaModel.js";
import { serverLimits, type LimitView } from "./serverLimits.js";
import { healthPaths, type HealthPaths } from "./healthPaths.js";
import { metricsPath } from "./metricsPath.js";
import { checkAuthOptions } from "../../src/config/checkAuthOptions.js";
import { apiKeyTableRuntimeModules, apiKeyTableRuntimeTests, authRuntimeModules, authRuntimeTests, authVariables, renderAccessSettings, renderSchemePrincipals, renderSecurityTypes, renderVerifierIndex, renderVerifierScaffold, schemeDiagnostics, schemeViews, usedSchemes, type SchemeView } from "./renderSecurity.js";
import { renderServiceBase, renderServiceIndex, renderServiceScaffold } from "./renderServices.js";
import { renderModelTests, renderTodoTests } from "./renderTests.js";
import { emulatedDeleteFailures } from "../../src/parsers/prisma/emulatedDeleteFailures.js";
import { triggerFilledColumns } from "../../src/parsers/prisma/triggerFilledColumns.js";
import { renderServiceTests } from "./renderBehaviourTests.js";
import { renderOperationTypes, renderSchemaTypes } from "./renderTypes.js";
import { renderValidators, type RenderedValidators } from "./renderValidators.js";
import { validationSchemaFiles } from "./validationSchemaFiles.js";
import { memoPiece } from "./memoPiece.js";
import { laidOut, type PrintedText } from "./printedText.js";
import { RenderRun } from "./renderRun.js";
import { runtimeFile } from "./runtimeFile.js";
import { importLiteral, importPath, projectLayout as at, relativeDir } from "./projectLayout.js";
import { renderTemplate } from "./renderTemplate.js";
import { objectKey } from "../../src/emit/objectKey.js";
import { tsString } from "../../src/emit/tsString.js";
import { accountsPrismaModels, accountsRuntimeModules, accountsRuntimeTests, renderAccountsHandlers, renderAccountsTests, renderProjectAccounts, renderUserStore, withAccountsVariables } from "./renderAccounts.js";
import { servedDocument } from "./servedDocument.js";

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
  templateData: { hasDb: boolean; accounts: boolean; apiKeyTable: boolean; basePath: string; defaultDatabaseUrl: string; schemeNames: string[]; schemeKeys: string[]; basePathLiteral: string; provider: string; adapter: string; secrets: Record<keyof SecretNames | "fields", string>; limits: LimitView[]; multipart: boolean; health: HealthPaths; healthLiterals: HealthPaths; metricsPath: string; metricsLiteral: string };
  /** The schemas validation and serialization use (each operation's parameters, response schemas, media types). */
  validationSchemas: ValidationSchemas;
  /** Per operationId, the validator modules it uses (see `RenderedValidators.modules`). */
  validatorModules: RenderedValidators["modules"];
}

/** Handler scaffolds by operation view and the reason the handler is not generated. */
const handlerScaffold = memoPiece({
  name: "handlerScaffold",
  key: "view",
  render: ({ view, reason }: { view: OperationView; reason: string | undefined }) => {
    const s = renderHandlerScaffold({ assignment: { view, kind: "scaffold", ...(reason !== undefined ? { reason } : {}) } });
    // Printed as prettier would: a big spec has a thousand of these, and prettier takes ~15 ms per file.
    return { content: laidOut(s.content), declaration: s.declaration };
  },
});

const supportedProviders = new Set<DbProvider>(["sqlite", "postgresql", "cockroachdb", "mysql", "sqlserver"]);

/** The path of the first server URL (`http://x/api/v1/` -> `/api/v1`), server variables at their defaults. */
/** OpenTelemetry, imported only when OTEL_EXPORTER_OTLP_ENDPOINT is set (runtime/tracing.ts). */
const tracingPackages = ["@opentelemetry/api", "@opentelemetry/sdk-trace-node", "@opentelemetry/exporter-trace-otlp-http", "@opentelemetry/resources"];

/** The bench's run-time modules, and those shipped with a test (`resolvedRef` is tested through `sampleValue`, `bench` is the entry). */
const benchRuntimeModules = ["benchSettings", "resolvedRef", "sampleValue", "benchRequests", "resolvedPath", "latencySummary", "benchReport", "benchServer", "runBench"];
const benchRuntimeTests = ["benchServer", "benchSettings", "sampleValue", "benchRequests", "resolvedPath", "latencySummary", "benchReport", "runBench"];

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

/** How each operation group's types module imports the modules its types use. */
function operationGroupImports(): { context: string; principals: string; request: string; response: string; http: string; uploadedFile: string } {
  const from = `${at.operationTypesDir}/group.ts`;
  return {
    context: importPath({ from, to: at.runtime("context") }),
    uploadedFile: importPath({ from, to: at.runtime("uploadedFile") }),
    principals: importPath({ from, to: at.schemePrincipals }),
    request: importPath({ from, to: at.schemaTypes("request") }),
    response: importPath({ from, to: at.schemaTypes("response") }),
    http: importPath({ from, to: at.httpTypes }),
  };
}

/**
 * The original document as JSON (served at /openapi.json and /docs), from what the reader read and parsed, handed down
 * by the pipeline (`document`; read again and parsed only for an IR made without it): a JSON spec byte for byte, as
 * bytes (it parsed; re-printing 10 MB costs more than the rest of a watch run, and decoding and re-encoding it ~100
 * ms), a YAML spec as its parsed value printed as JSON (the reader's own fast YAML parser when read again here; the
 * `yaml` package takes 4 s on Stripe's 4 MB).
 */
async function documentJson({ api, document }: { api: ApiModel; document: SourceDocument | undefined }): Promise<{ bytes: Buffer } | { text: string }> {
  let bytes = document?.bytes ?? (await readFile(api.file));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  // A `.json` file that starts like JSON parsed as JSON when it was read (else it would have stopped with VX100).
  if (/\.json$/i.test(api.file) && detectSpecFormat({ text: bytes.subarray(0, 4096).toString("latin1") }) === "json") {
    // Byte for byte, without even a final newline added: the copy is then the very buffer the reader (and, in `watch`,
    // the watcher) hashed, so its manifest hash is known, and no 13 MB copy is made per run.
    return { bytes };
  }
  if (document) return { text: `${JSON.stringify(document.value, null, 2)}\n` };
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
  runtime,
  document,
}: {
  ir: IrDocument;
  names: NameTable;
  options: TargetOptions;
  /** What differs between frameworks: here, the packages the target's glue needs. */
  runtime: TargetRuntime;
  /** The root OpenAPI document as read (`RenderInput.document`). */
  document?: SourceDocument | undefined;
}): Promise<BackendCore> {
  const deps: ProjectDependencies = runtime.dependencies;
  const diagnostics: Diagnostic[] = [];
  const api: ApiModel = ir.api ?? { kind: "api", file: "", files: [], specVersion: "3.1.0", info: { title: "api", version: "0.1.0" }, servers: [], operations: [], schemas: [], securitySchemes: [], webhooks: [] };
  let db: DbModel | null = ir.db;
  if (db && !supportedProviders.has(db.provider)) {
    // MongoDB (the one provider left): Prisma 7, which generated projects use, has no MongoDB connector at all.
    const why = `database provider '${db.provider}' is not supported: Prisma 7, which generated projects use, has no connector or driver adapter for it (Prisma 6 is the last version with MongoDB)`;
    diagnostics.push(
      ir.api
        ? createDiagnostic({
            code: "VX510",
            message: `${why}; the project is generated without a database: no Prisma client, repositories or services, every handler a scaffold for you to write`,
            location: { file: db.file },
            help: "PostgreSQL, CockroachDB, MySQL/MariaDB, SQL Server and SQLite schemas are supported; see docs/databases.md",
          })
        : createDiagnostic({
            code: "VX514",
            message: `${why}, and there is no OpenAPI document: nothing to generate`,
            location: { file: db.file },
            help: "give an OpenAPI document (--openapi) to generate its API without a database, or use a PostgreSQL, CockroachDB, MySQL/MariaDB, SQL Server or SQLite schema; see docs/databases.md",
          }),
    );
    db = null;
  }
  const provider = db?.provider;
  const hasDb = db !== null;
  if (!hasDb)
    for (const op of api.operations.filter((operation) => operation.audit === true))
      diagnostics.push(
        createDiagnostic({
          code: "VX161",
          message: `${op.operationId} has x-vx-audit: true, but the project has no database: its calls are not audited (the audit log is the VxAuditEvent table)`,
          location: { file: op.source.file, pointer: `${op.source.pointer}/x-vx-audit` },
          help: "give a Prisma schema (--prisma) or derive one (--derive-db), or remove x-vx-audit",
        }),
      );
  const basePath = options.basePath !== undefined ? options.basePath.replace(/\/+$/, "") : basePathOf(api);
  const { forcedReadOnly } = modelSchemas({ api, db });
  // Pieces of output are reused from the previous render where what they were made from is the same (see memoPiece).
  const run = new RenderRun({ names, schemas: api.schemas, forcedReadOnly });
  const schemas = run.schemas;
  const views = api.operations.map((op) => reusedOperationView({ op, run }));
  // Accounts need the database they keep users and sessions in.
  const accounts = db ? ir.accounts : undefined;
  // API keys kept in the VxApiKey table too (an API key scheme in use and a database; not turned off in the config).
  const apiKeyTable = db !== null && ir.apiKeyTable === true;
  const schemes = schemeViews({ schemes: api.securitySchemes, names, accounts: accounts !== undefined, apiKeyTable });
  const drafts: DraftFile[] = [];
  const gen = (path: string, content: string | PrintedText) => drafts.push({ path, content, ownership: "generated" });
  // Verbatim runtime files of the toolkit (runtime/shared/<path>), each to the same path in the project.
  const copy = async (path: string) => {
    const runtime = await runtimeFile({ plugin: "shared", path });
    gen(runtime.path, runtime.content);
  };
  const scaffold = (path: string, content: string, declarations?: { name: string; code: string }[]) =>
    drafts.push({ path, content, ownership: "scaffold", ...(declarations ? { declarations } : {}) });
  const health = healthPaths({ views, basePath });
  const metrics = metricsPath({ views, basePath });
  const data = {
    hasDb,
    accounts: accounts !== undefined,
    apiKeyTable,
    basePath,
    defaultDatabaseUrl: provider ? defaultDatabaseUrl(provider) : "",
    schemeNames: schemes.map((s) => s.scheme.name),
    // Spec strings as templates print them (templates never escape): object-literal keys and a string literal.
    schemeKeys: schemes.map((s) => objectKey(s.scheme.name)),
    basePathLiteral: tsString(basePath),
    provider: provider ?? "",
    /** Which driver adapter createAdapter.ts uses (`driverAdapterKind`). */
    adapter: provider ? driverAdapterKind(provider) : "",
    secrets: secretLiterals({ names: secretNames(api.securitySchemes), fields: sensitiveFieldNames(api), hashed: hashedFieldNames(api) }),
    limits: serverLimits(views),
    /** Whether an operation takes a `multipart/form-data` body (the target registers its multipart reader). */
    multipart: views.some((v) => v.body?.isMultipart === true),
    health,
    healthLiterals: { liveness: tsString(health.liveness), readiness: tsString(health.readiness) },
    metricsPath: metrics,
    metricsLiteral: tsString(metrics),
  };

  // Types.
  for (const variant of ["request", "response"] as const) {
    const types = renderSchemaTypes({ api, names, variant, forcedReadOnly, path: "", run });
    gen(at.schemaTypes(variant), types.content);
  }
  // `Status4XX` and the like: fixed, a few lines of type-level code (the same unions as the 500 literals they stand for).
  gen(at.httpTypes, renderTemplate({ plugin: "shared", file: "types/http.ts" }));
  const operationTypes = renderOperationTypes({
    views,
    names,
    path: at.operationTypes,
    dir: at.operationTypesDir,
    imports: operationGroupImports(),
    schemeNames: new Set(api.securitySchemes.map((s) => s.name)),
    run,
  });
  gen(operationTypes.index.path, operationTypes.index.content);
  for (const group of operationTypes.groups) gen(group.path, group.content);

  // Runtime pieces every target uses.
  for (const name of ["errors", "listQuery", "projectRoot", "generatedData", "jsonDepth", "mediaTypes", "securityCheck", "accessCheck", "health", "requestId", "requestProblems", "serverSettings", "rateLimit", "rateLimitRedis", "redactLogValue", "logHash", "requestScrubber", "auditActor", "recordAuditEvent", "auditCall", "nodeServer"]) await copy(at.runtime(name));
  const ownerScoped = views.some((v) => v.op.binding.kind === "bound" && v.op.binding.owner);
  if (ownerScoped) {
    await copy(at.runtime("ownerOf"));
    await copy(at.runtimeTests("ownerOf"));
  }
  if (derivesAnySlug({ api, db })) {
    await copy(at.runtime("slugify"));
    await copy(at.runtimeTests("slugify"));
  }
  // Server operations: Node's timeouts, which proxies to trust, graceful shutdown, tracing, TLS files, form bodies (with their tests).
  for (const name of ["serverTimeouts", "trustProxy", "shutdown", "httpCache", "metrics", "tracing", "tlsFiles", "formBody"]) {
    await copy(at.runtime(name));
    await copy(at.runtimeTests(name));
  }
  // `npm run bench`: load tests of the operations (autocannon), with their tests; the entry knows the base path.
  for (const name of benchRuntimeModules) await copy(at.bench(name));
  for (const name of benchRuntimeTests) await copy(at.benchTests(name));
  gen(at.bench("bench"), renderTemplate({ plugin: "shared", file: "bench/bench.ts.ejs", data }));
  for (const name of ["context", "limits", "secrets"]) gen(at.runtime(name), renderTemplate({ plugin: "shared", file: `runtime/${name}.ts.ejs`, data }));
  // OpenAPI parameter styles: the validators' run-time module, copied verbatim (it has no imports).
  await copy(at.runtime("parseParameters"));
  // Request validators are compiled now (nothing compiles at start-up); responses are the serializer's schemas.
  const validationSchemas = buildValidationSchemas({ api, views, forcedReadOnly, readOnly: options.readOnlyInRequests, run });
  const validators = await renderValidators({ views, schemas: validationSchemas, run });
  drafts.push(...validators.drafts);
  diagnostics.push(...validators.diagnostics);
  diagnostics.push(...mixedMultipartBodies(views));
  // Data, printed by JSON.stringify (prettier took seconds on Stripe's 1.3 MB of schemas); the spec copy verbatim.
  for (const file of validationSchemaFiles({ schemas: validationSchemas, views, dir: at.validationDir, run })) gen(file.path, file.content);
  const json = ir.api ? servedDocument({ json: await documentJson({ api, document }), accounts, document, diagnostics }) : { text: "{}\n" };
  if ("bytes" in json) drafts.push({ path: at.openApiDocument, content: "", bytes: json.bytes, ownership: "generated" });
  else gen(at.openApiDocument, laidOut(json.text));
  // The same data as modules the server imports: the built server reads nothing from src/.

  // Security: the contract, each scheme's default verifier (runtime/shared/src/generated/auth/) and the user's setup of it.
  const used = usedSchemes(api);
  gen(at.securityTypes, renderSecurityTypes());
  gen(at.schemePrincipals, renderSchemePrincipals({ schemes }));
  gen(at.securityVerifiers, renderVerifierIndex({ schemes, used }));
  if (schemes.length > 0) for (const name of authRuntimeModules) await copy(at.auth(name));
  diagnostics.push(...schemeDiagnostics({ schemes, used }));
  // Options given in code never met the config's checks (the server would refuse them at start-up): said now too.
  for (const problem of checkAuthOptions(options.auth ?? {})) diagnostics.push(createDiagnostic({ code: "VX025", message: problem.message, help: problem.help }));
  gen(at.securityAccess, renderAccessSettings({ auth: options.auth ?? {} }));
  for (const scheme of schemes) {
    const s = renderVerifierScaffold({ scheme });
    scaffold(at.verifierScaffold(scheme.file), s.content, [s.declaration]);
  }
  // Per-operation policies: one file of the user's (a file per operation would be 700 on Stripe's spec).
  await copy(at.runtime("policies"));
  await copy(at.runtimeTests("policies"));
  scaffold(at.policies, renderTemplate({ plugin: "shared", file: "security/policies.ts.ejs", data: { imports: { policies: importLiteral({ from: at.policies, to: at.runtime("policies") }) } } }));

  // Database: repositories, services, mapper, handlers for bound operations.
  const modelViews = new Map<string, ModelView>();
  const enumMaps = new EnumMaps();
  const assignments: HandlerAssignment[] = [];
  let mappers: MapperPlanner | undefined;
  if (db) {
    const owners = ownerColumns(views.map((v) => v.op));
    for (const model of db.models) modelViews.set(model.name, modelView({ model, names, db, owner: owners.get(model.name) }));
    mappers = new MapperPlanner({ names, schemas, enums: new Map(db.enums.map((e) => [e.name, e])), enumMaps, views: modelViews, forcedReadOnly, userModel: accounts?.model });
  }
  const accountsLoginPath = views.find((v) => v.op.binding.kind === "accounts" && v.op.binding.action === "login")?.op.path;
  for (const view of views) {
    if (view.op.binding.kind === "accounts" && accounts) {
      assignments.push({ view, kind: "accounts" });
      continue;
    }
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
      ownerInBody: options.auth?.ownerInBody ?? defaultOwnerInBody,
      accountsLoginPath,
      convert: ({ enumImports }) => ({
        enums: enumsMap,
        enumMaps,
        useEnumTable: (name) => enumImports.add(name),
        apiType: () => "unknown",
        deref: (node) => derefSchema({ node, schemas }),
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

  // The caller as a record of the user model (relation actions, flags such as `favorited`): callerKey, on ownerOf's subject.
  if (assignments.some((a) => a.plan?.caller !== undefined)) {
    if (!ownerScoped) {
      await copy(at.runtime("ownerOf"));
      await copy(at.runtimeTests("ownerOf"));
    }
    await copy(at.runtime("callerKey"));
    await copy(at.runtimeTests("callerKey"));
  }
  for (const a of assignments.filter((x) => x.kind === "scaffold")) {
    const s = handlerScaffold({ inputs: { view: a.view, reason: a.reason } });
    drafts.push({ path: at.handlerScaffold(a.view.names.file), content: s.content, ownership: "scaffold", declarations: [s.declaration] });
  }
  gen(at.handlerIndex, renderHandlerIndex({ assignments }));
  if (accounts) {
    gen(at.accountsHandlers, renderAccountsHandlers({ accounts, views }));
    const enumFirst = (name: string) => db?.enums.find((e) => e.name === name)?.values[0]?.name;
    gen(at.accountsTests("accounts.test"), renderAccountsTests({ accounts, views, enumFirst }));
  }

  if (db && mappers && provider) {
    // Creates needing a trigger (VX207) and deletes Prisma's emulated referential actions cannot run (VX208): todo tests.
    const untested = untestedActions(db);
    const views = [...modelViews.values()];
    const schema = await prismaSchemaForProject({ db, provider: provider === "cockroachdb" ? "cockroachdb" : provider, clientOutput: relativeDir({ from: at.prismaSchema, to: at.prismaClientDir }) });
    const projectSchema = [schema, ...(accounts ? [accountsPrismaModels] : []), auditPrismaModel(provider), ...(apiKeyTable ? [apiKeyPrismaModel(provider)] : [])].join("\n");
    gen(at.prismaSchema, projectSchema);
    if (provider === "mysql") gen(at.prismaMysqlScript, await mysqlScript(projectSchema));
    if (apiKeyTable) {
      // `npm run api-keys` and the admins' routes (with accounts) on the VxApiKey table.
      for (const name of apiKeyTableRuntimeModules) await copy(at.auth(name));
      for (const name of apiKeyTableRuntimeTests) await copy(at.authTests(name));
      gen(
        at.auth("apiKeysCli"),
        renderTemplate({
          plugin: "shared",
          file: "auth/apiKeysCli.ts.ejs",
          data: { ...data, defaultDatabaseUrlLiteral: tsString(data.defaultDatabaseUrl), imports: { prismaClient: importLiteral({ from: at.auth("apiKeysCli"), to: at.db("prismaClient") }) } },
        }),
      );
    }
    for (const name of ["auditEvents"]) {
      await copy(at.runtime(name));
      await copy(at.runtimeTests(name));
    }
    if (accounts) {
      for (const name of accountsRuntimeModules) await copy(at.accounts(name));
      for (const name of accountsRuntimeTests) await copy(at.accountsTests(name));
      gen(at.accounts("userStore"), renderUserStore({ accounts, names }));
      gen(at.accounts("projectAccounts"), renderProjectAccounts({ accounts, title: api.info.title }));
    }
    gen(at.db("DbClient"), renderTemplate({ plugin: "shared", file: "db/DbClient.ts.ejs", data: { imports: { prismaClient: importLiteral({ from: at.db("DbClient"), to: at.prismaClient }) } } }));
    gen(at.db("createAdapter"), renderTemplate({ plugin: "shared", file: "db/createAdapter.ts.ejs", data }));
    await copy(at.db("prismaClient"));
    await copy(at.db("pushSchema"));
    gen(at.db("dbPush"), renderTemplate({ plugin: "shared", file: "db/dbPush.ts.ejs", data }));
    await copy(at.db("mapPrismaError"));
    await copy(at.db("prismaTracing"));
    const index = renderServiceIndex({ views, apiKeyTable });
    gen(at.db("unitOfWork"), index.unitOfWork);
    gen(at.serviceIndex, index.services);
    gen(at.serviceDeps, index.deps);
    for (const view of views) {
      const byModel = assignments.filter((a) => a.model === view);
      if (byModel.length > 0) gen(at.boundHandlers(view.names.file), renderBoundHandlers({ model: view, assignments: byModel }));
      const mod = mappers.module(view);
      const callerIn = callerInView({ mod, mappers });
      gen(at.repository(view.names.file), renderRepository({ view, includes: mod.includes, counts: mod.counts, callerIn }));
      if (mod.functions.size > 0) gen(at.mapper(view.names.file), renderMapper({ mod }));
      gen(at.serviceBase(view.names.file), renderServiceBase({ view, callerIn }));
      const s = renderServiceScaffold({ view });
      scaffold(at.serviceScaffold(view.names.file), s.content, [s.declaration]);
      const tests = renderModelTests({ model: view, assignments, views: modelViews, schemas, forcedReadOnly, untested });
      if (tests) gen(at.modelTests(view.names.file), tests);
      const failingDelete = untested.get(view.model.name)?.get("delete");
      gen(at.serviceTests(view.names.file), renderServiceTests({ view, ...(failingDelete === undefined ? {} : { failingDelete }) }));
    }
    if (!enumMaps.isEmpty()) gen(at.enumMaps, enumMaps.render({ prismaClient: importLiteral({ from: at.enumMaps, to: at.prismaClient }) }));
    gen(
      at.factories,
      renderFactories({ views, enumValues: (name) => db?.enums.find((e) => e.name === name)?.values.map((v) => v.name) ?? [] }),
    );
  }
  for (const file of renderTodoTests({ assignments, schemas, forcedReadOnly, dir: at.todoTestsDir, run })) {
    drafts.push({ path: file.path, content: file.content, ownership: "generated" });
  }
  await copy(at.assertions);
  // The test-client contract every target's testApi.ts implements, and the tests that drive the real app through it
  // with what no operation documents (404, 405, 406, 413, 414, 415, malformed and deep JSON).
  // The test caller holds every role an operation asks for (`x-vx-roles`), so the generated tests reach those handlers.
  const testRoles = [...new Set(views.flatMap((v) => v.op.roles?.roles ?? []))].sort();
  gen(at.testClient, renderTemplate({ plugin: "shared", file: "test/testClient.ts.ejs", data: { ...data, testSubjectLiteral: tsString(defaultTestSubject), testRolesLiteral: `[${testRoles.map((role) => tsString(role)).join(", ")}]` } }));
  gen(at.httpTests, renderTemplate({ plugin: "shared", file: "test/http.test.ts.ejs", data: { plan: planHttpTests({ operations: views.map((v) => v.op), basePath }) } }));
  // Tests of the run-time modules every project ships, shipped with them (the toolkit runs them too, on the bookstore's
  // limits and secrets): they prove the copies work in the project, with its dependencies.
  for (const name of ["errors", "limits", "listQuery", "parseParameters", "secrets", "accessCheck", "health", "requestId", "requestProblems", "serverSettings", "rateLimit", "rateLimitRedis", "redactLogValue", "logHash", "requestScrubber", "auditActor", "recordAuditEvent", "auditCall"]) await copy(at.runtimeTests(name));
  if (hasDb) await copy(at.dbTests("mapPrismaError"));
  if (schemes.length > 0) for (const name of authRuntimeTests) await copy(at.authTests(name));
  // ioredis for the rate limits' counters (REDIS_URL) and the accounts' deny list.
  const authDeps = ["ioredis", ...(schemes.length > 0 ? ["jose"] : []), ...(accounts ? ["otpauth"] : [])];
  const auth = accounts ? withAccountsVariables(authVariables({ schemes, used })) : authVariables({ schemes, used });
  // Multipart bodies: the file type and body builder (with their tests), and the target's reader's packages.
  const multipartDeps = data.multipart ? runtime.multipartDependencies : { runtime: [], dev: [] };
  if (data.multipart)
    for (const name of ["uploadedFile", "multipartBody"]) {
      await copy(at.runtime(name));
      await copy(at.runtimeTests(name));
    }
  drafts.push(...renderProjectFiles({ api, provider, deps: { ...deps, runtime: [...deps.runtime, ...validators.runtimeDependencies, ...authDeps, "prom-client", "qs", ...tracingPackages, ...multipartDeps.runtime], dev: [...deps.dev, "@types/qs", ...multipartDeps.dev] }, basePath, limits: data.limits, health: data.health, metricsPath: data.metricsPath, auth, accounts: accounts !== undefined, apiKeyTable }));

  return { drafts, diagnostics, views, assignments, schemes, basePath, provider, templateData: data, validationSchemas, validatorModules: validators.modules };
}

/**
 * The generated tests left todo, by model and action, with why (`TestRenderInput`'s `untested`): creates of a model with
 * a column only a trigger fills (VX207), deletes Prisma's emulated referential actions cannot run (VX208).
 */
function untestedActions(db: DbModel): Map<string, Map<string, string>> {
  const untested = new Map<string, Map<string, string>>();
  const add = ({ model, action, reason }: { model: string; action: string; reason: string }) => {
    const actions = untested.get(model) ?? new Map<string, string>();
    if (!actions.has(action)) actions.set(action, reason);
    untested.set(model, actions);
  };
  for (const { model, field } of triggerFilledColumns(db))
    add({ model, action: "create", reason: `not tested: ${model}.${field.name} is filled by the database's own trigger (VX207), which the test database, pushed from the schema, lacks` });
  for (const f of emulatedDeleteFailures(db))
    add({ model: f.model, action: "delete", reason: `not tested: deleting a ${f.model} fails with relationMode = "prisma" (VX208: Prisma's emulated actions, ${f.referrer}.${f.relation})` });
  return untested;
}

/** Whether a bound create derives a slug (`derivedSlug`): the project gets `createWithSlug` and its test. */
function derivesAnySlug({ api, db }: { api: ApiModel; db: DbModel | null }): boolean {
  if (!db) return false;
  const schemas = indexSchemas(api);
  const models = new Map(db.models.map((m) => [m.name, m]));
  return api.operations.some((op) => {
    const model = op.binding.kind === "bound" ? models.get(op.binding.model) : undefined;
    return model !== undefined && derivedSlug({ op, model, schemas }) !== undefined;
  });
}
