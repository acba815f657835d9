import { docComment } from "./docComment.js";
import type { ModelView } from "./modelView.js";
import type { OperationView } from "./operationView.js";
import type { BoundHandlerPlan } from "./planBoundHandler.js";
import { importLiteral, projectLayout } from "./projectLayout.js";
import { renderTemplate } from "./renderTemplate.js";
import { tsString } from "../../src/emit/tsString.js";

export interface HandlerAssignment {
  view: OperationView;
  /** Where its implementation lives: a model's generated handlers, the user's scaffold, or the accounts' handlers. */
  kind: "bound" | "scaffold" | "accounts";
  /** Bound: the model whose handler module holds it. */
  model?: ModelView;
  plan?: BoundHandlerPlan;
  /** Scaffold: why it is not generated. */
  reason?: string;
}

/** A model's generated handlers (`src/generated/handlers/<model>.handlers.ts`), printed by `model/handlers.ts.ejs`. */
export function renderBoundHandlers({ model, assignments }: { model: ModelView; assignments: HandlerAssignment[] }): string {
  const from = projectLayout.boundHandlers(model.names.file);
  const mapperImports = new Set<string>();
  const enumImports = new Set<string>();
  let usesSort = false;
  let usesPrisma = false;
  let ownerScoped = false;
  let derivesSlug = false;
  let rejectsOwner = false;
  let scoped = false;
  const callerNames = new Set<string>();
  const accountsNames = new Set<string>();
  const handlers: { name: string; type: string; docCode: string; plan: BoundHandlerPlan }[] = [];
  for (const a of assignments) {
    if (!a.plan) continue;
    a.plan.mapperImports.forEach((n) => mapperImports.add(n));
    a.plan.enumImports.forEach((n) => enumImports.add(n));
    usesSort ||= a.plan.usesSort;
    usesPrisma ||= a.plan.usesPrisma;
    ownerScoped ||= a.plan.owner !== undefined;
    derivesSlug ||= a.plan.slug !== undefined;
    rejectsOwner ||= (a.plan.owner?.rejected.length ?? 0) > 0;
    scoped ||= a.plan.scope !== undefined;
    if (a.plan.caller) callerNames.add(a.plan.caller.required ? "callerKey" : "viewerKey");
    if (a.plan.token?.fromCaller) callerNames.add("callerToken");
    if (a.plan.signIn) accountsNames.add(a.plan.action === "register" ? "registerRefused" : "loginRefused");
    if (a.plan.signIn && a.plan.action === "login") accountsNames.add("mfaElsewhere");
    const { op } = a.view;
    const relation = op.binding.kind === "bound" ? op.binding.relation : undefined;
    const relatedModel = relation ? model.model.fields.find((f) => f.kind === "relation" && f.name === relation.relation)?.type : undefined;
    const target = relation?.target.kind === "path" ? `the ${relatedModel ?? "record"} of {${relation.target.parameter}}` : "the caller";
    const self = op.binding.kind === "bound" && op.binding.callerRecord === true;
    const signIn = a.plan.action === "register" ? `a sign-up of a ${model.model.name} by the accounts, signed in at once` : a.plan.action === "login" ? `a login of a ${model.model.name} by the accounts (throttled)` : undefined;
    const what = signIn ?? (relation ? `${a.plan.action} ${target} ${a.plan.action === "connect" ? "to" : "from"} ${model.model.name}.${relation.relation}` : `${a.plan.action} ${self ? "the caller's own " : ""}${model.model.name}`);
    const docCode = docComment([`${op.method.toUpperCase()} ${op.path}: ${what}, through ${model.names.type}Service.`]);
    handlers.push({ name: a.view.names.handler, type: a.view.names.type, docCode, plan: a.plan });
  }
  const imports = {
    prisma: usesPrisma ? importLiteral({ from, to: projectLayout.prismaClient }) : undefined,
    operations: importLiteral({ from, to: projectLayout.operationTypes }),
    mappers: mapperImports.size > 0 ? { names: [...mapperImports].sort(), from: importLiteral({ from, to: projectLayout.mapper(model.names.file) }) } : undefined,
    enums: enumImports.size > 0 ? { names: [...enumImports].sort(), from: importLiteral({ from, to: projectLayout.enumMaps }) } : undefined,
    listQuery: usesSort ? importLiteral({ from, to: projectLayout.runtime("listQuery") }) : undefined,
    errors: scoped ? importLiteral({ from, to: projectLayout.runtime("errors") }) : undefined,
    slugify: derivesSlug ? importLiteral({ from, to: projectLayout.runtime("slugify") }) : undefined,
    callerKey: callerNames.size > 0 ? { names: [...callerNames].sort(), from: importLiteral({ from, to: projectLayout.runtime("callerKey") }) } : undefined,
    accountsHttp: accountsNames.size > 0 ? { names: [...accountsNames].sort(), from: importLiteral({ from, to: projectLayout.accounts("accountsHttp") }) } : undefined,
    ownerOf: ownerScoped ? { names: rejectsOwner ? ["ownerOf", "ownerSetByBody"] : ["ownerOf"], from: importLiteral({ from, to: projectLayout.runtime("ownerOf") }) } : undefined,
  };
  return renderTemplate({ plugin: "shared", file: "model/handlers.ts.ejs", data: { imports, handlers } });
}

/**
 * `export const name: Type = async ({ request, context }) => { body };` laid out as prettier prints it (print width 120),
 * so the thousand scaffolds of a big spec need no prettier pass: on one line when the head fits; else with the
 * parameters broken when `... = async ({` fits; else broken after `=`.
 */
export function arrowConst({ name, type, body }: { name: string; type: string; body: readonly string[] }): string {
  const head = `export const ${name}: ${type} =`;
  const lines = (indent: string) => body.map((l) => `${indent}${l}`).join("\n");
  if (`${head} async ({ request, context }) => {`.length <= 120) return `${head} async ({ request, context }) => {\n${lines("  ")}\n};`;
  if (`${head} async ({`.length <= 120) return `${head} async ({\n  request,\n  context,\n}) => {\n${lines("  ")}\n};`;
  return `${head}\n  async ({ request, context }) => {\n${lines("    ")}\n  };`;
}

/** The user-owned handler of an operation vx-gen does not implement: answers 501 NOT_IMPLEMENTED until written. */
export function renderHandlerScaffold({ assignment }: { assignment: HandlerAssignment }): { content: string; declaration: { name: string; code: string } } {
  const { view } = assignment;
  const { op } = view;
  const code = `${docComment([
    `${op.method.toUpperCase()} ${op.path} (${op.operationId})${op.summary ? `: ${op.summary}` : ""}`,
    `Not generated: ${assignment.reason ?? "not bound to a model"}.`,
    "Write it: return one of the documented responses. Until then it answers 501 NOT_IMPLEMENTED.",
  ])}${arrowConst({ name: view.names.handler, type: `${view.names.type}Handler`, body: ["void request;", "void context;", `throw notImplemented(${tsString(op.operationId)});`] })}`;
  const from = projectLayout.handlerScaffold(view.names.file);
  const imports = { errors: importLiteral({ from, to: projectLayout.runtime("errors") }), operations: importLiteral({ from, to: projectLayout.operationTypes }) };
  return {
    content: renderTemplate({ plugin: "shared", file: "handlers/scaffold.ts.ejs", data: { imports, type: view.names.type, declarationCode: code } }),
    declaration: { name: view.names.handler, code },
  };
}

/** `handlers`: every operation's handler, generated or yours, as the app mounts them. */
export function renderHandlerIndex({ assignments }: { assignments: HandlerAssignment[] }): string {
  const from = projectLayout.handlerIndex;
  const sorted = [...assignments].sort((a, b) => (a.view.names.handler < b.view.names.handler ? -1 : 1));
  const files = new Set<string>();
  for (const a of sorted) if (a.kind === "bound" && a.model) files.add(a.model.names.file);
  const moduleAlias = (file: string) => `${file.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase())}Handlers`;
  const modules = [...files].sort().map((file) => ({ alias: moduleAlias(file), from: importLiteral({ from, to: projectLayout.boundHandlers(file) }) }));
  // Model modules' aliases end in `Handlers`: this one cannot clash with them.
  const accounts = "accountsRoutes";
  if (sorted.some((a) => a.kind === "accounts")) modules.push({ alias: accounts, from: importLiteral({ from, to: projectLayout.accountsHandlers }) });
  const scaffolds = sorted.filter((a) => a.kind === "scaffold").map((a) => ({ name: a.view.names.handler, from: importLiteral({ from, to: projectLayout.handlerScaffold(a.view.names.file) }) }));
  const moduleOf = (a: HandlerAssignment) => (a.kind === "accounts" ? accounts : a.kind === "bound" && a.model ? moduleAlias(a.model.names.file) : undefined);
  const handlers = sorted.map((a) => ({ name: a.view.names.handler, module: moduleOf(a) }));
  return renderTemplate({ plugin: "shared", file: "handlers/index.ts.ejs", data: { imports: { operations: importLiteral({ from, to: projectLayout.operationTypes }) }, modules, scaffolds, handlers } });
}
