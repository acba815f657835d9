import { docComment } from "./docComment.js";
import type { ModelView } from "./modelView.js";
import type { OperationView } from "./operationView.js";
import type { BoundHandlerPlan } from "./planBoundHandler.js";
import { tsString } from "../../src/emit/tsString.js";

export interface HandlerAssignment {
  view: OperationView;
  /** Where its implementation lives. */
  kind: "bound" | "scaffold";
  /** Bound: the model whose handler module holds it. */
  model?: ModelView;
  plan?: BoundHandlerPlan;
  /** Scaffold: why it is not generated. */
  reason?: string;
}

/** A model's generated handlers (`src/generated/handlers/<model>.handlers.ts`). */
export function renderBoundHandlers({ model, assignments }: { model: ModelView; assignments: HandlerAssignment[] }): string {
  const mapperImports = new Set<string>();
  const enumImports = new Set<string>();
  let usesSort = false;
  let usesPrisma = false;
  const parts: string[] = [];
  for (const a of assignments) {
    if (!a.plan) continue;
    a.plan.mapperImports.forEach((n) => mapperImports.add(n));
    a.plan.enumImports.forEach((n) => enumImports.add(n));
    usesSort ||= a.plan.usesSort;
    usesPrisma ||= a.plan.usesPrisma;
    const { op } = a.view;
    const binding = op.binding.kind === "bound" ? op.binding : undefined;
    parts.push(
      `${docComment([`${op.method.toUpperCase()} ${op.path}: ${binding?.action ?? ""} ${model.model.name}, through ${model.names.type}Service.`])}export const ${a.view.names.handler}: Op.${a.view.names.type}Handler = ${a.plan.code};`,
    );
  }
  const lines: string[] = [];
  if (usesPrisma) lines.push(`import type { Prisma } from "../prisma/client.js";`);
  lines.push(`import type * as Op from "../types/operations.js";`);
  if (mapperImports.size > 0) lines.push(`import { ${[...mapperImports].sort().join(", ")} } from "../mappers/${model.names.file}.mapper.js";`);
  if (enumImports.size > 0) lines.push(`import { ${[...enumImports].sort().join(", ")} } from "../mappers/enums.js";`);
  if (usesSort) lines.push(`import { parseSort } from "../runtime/listQuery.js";`);
  return `${lines.join("\n")}\n\n${parts.join("\n\n")}\n`;
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
  return {
    content: `import { notImplemented } from "../generated/runtime/errors.js";\nimport type { ${view.names.type}Handler } from "../generated/types/operations.js";\n\n${code}\n`,
    declaration: { name: view.names.handler, code },
  };
}

/** `handlers`: every operation's handler, generated or yours, as the app mounts them. */
export function renderHandlerIndex({ assignments }: { assignments: HandlerAssignment[] }): string {
  const sorted = [...assignments].sort((a, b) => (a.view.names.handler < b.view.names.handler ? -1 : 1));
  const lines = [`import type { Handlers } from "../types/operations.js";`];
  const modules = new Set<string>();
  for (const a of sorted) if (a.kind === "bound" && a.model) modules.add(a.model.names.file);
  const moduleAlias = (file: string) => `${file.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase())}Handlers`;
  for (const file of [...modules].sort()) lines.push(`import * as ${moduleAlias(file)} from "./${file}.handlers.js";`);
  for (const a of sorted) if (a.kind === "scaffold") lines.push(`import { ${a.view.names.handler} } from "../../handlers/${a.view.names.file}.js";`);
  lines.push("");
  lines.push(`/** Generated handlers for operations bound to models; yours (src/handlers/) for the others. */`);
  lines.push(`export const handlers: Handlers = {`);
  for (const a of sorted) {
    lines.push(a.kind === "bound" && a.model ? `  ${a.view.names.handler}: ${moduleAlias(a.model.names.file)}.${a.view.names.handler},` : `  ${a.view.names.handler},`);
  }
  lines.push(`};`);
  return lines.join("\n") + "\n";
}
