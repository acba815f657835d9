import type { NamedSchema, SchemaNode } from "../../src/ir/types.js";
import { exampleValue } from "./exampleValue.js";
import { byName, jsonBody, pathExpr, planModelTests, type TestRenderInput } from "./planModelTests.js";
import type { OperationView } from "./operationView.js";
import type { HandlerAssignment } from "./renderHandlers.js";
import { groupViews } from "./groupViews.js";
import { joinPieces } from "./joinPieces.js";
import { memoPiece } from "./memoPiece.js";
import { importLiteral, projectLayout } from "./projectLayout.js";
import type { RenderRun } from "./renderRun.js";
import { renderTemplate } from "./renderTemplate.js";
import type { SourceFile } from "./renderTypes.js";
import { lineCommentText } from "../../src/emit/lineCommentText.js";
import { templateText } from "../../src/emit/templateText.js";
import { tsJson } from "../../src/emit/tsJson.js";

export type { TestRenderInput } from "./planModelTests.js";

const literal = tsJson;

/** `test/generated/<model>.test.ts`: real tests of a model's generated operations against a fresh database. */
export function renderModelTests(input: TestRenderInput): string | undefined {
  const plan = planModelTests(input);
  if (!plan) return undefined;
  const from = projectLayout.modelTests(input.model.names.file);
  const imports = {
    testApi: importLiteral({ from, to: projectLayout.testApi }),
    testClient: importLiteral({ from, to: projectLayout.testClient }),
    assertions: importLiteral({ from, to: projectLayout.assertions }),
  };
  return renderTemplate({ plugin: "shared", file: "test/model.test.ts.ejs", data: { imports, ...plan } });
}

/** One todo block by operation view; reused while the reason, the database-filled properties and the named schemas its examples followed are the same. */
const todoPiece = memoPiece({
  name: "todoTest",
  key: "view",
  render: ({ view, reason, forcedReadOnly }: { view: OperationView; reason: string | undefined; forcedReadOnly: ReadonlySet<string> }, reads) =>
    todoTest({ a: { view, kind: "scaffold", ...(reason !== undefined ? { reason } : {}) }, schemas: reads.schemas, forcedReadOnly }),
});

function todoTest({ a, schemas, forcedReadOnly }: { a: HandlerAssignment; schemas: Map<string, NamedSchema>; forcedReadOnly: ReadonlySet<string> }): string {
  const { op } = a.view;
  const values: Record<string, string> = byName();
  for (const p of a.view.params.path) values[p.name] = literal(String(exampleValue({ node: p.schema, schemas, variant: "request", seed: 1 }) ?? "x"));
  const query: Record<string, string> = byName();
  for (const p of a.view.params.query.filter((q) => q.required || q.schema.kind !== "object")) {
    const v = exampleValue({ node: p.schema, schemas, variant: "request", seed: 1 });
    if (v !== undefined && typeof v !== "object") query[p.name] = String(v);
  }
  const body = jsonBody(a.view) ? exampleValue({ node: jsonBody(a.view) as SchemaNode, schemas, variant: "request", seed: 1, forcedReadOnly }) : undefined;
  const data = {
    describeLiteral: literal(`${op.operationId} (${op.method.toUpperCase()} ${op.path})`),
    handlerPath: projectLayout.handlerScaffold(a.view.names.file),
    reasonComment: lineCommentText(a.reason ?? "not bound"),
    methodLiteral: literal(op.method.toUpperCase()),
    urlCode: pathExpr({ path: op.path, values }),
    searchCode: Object.keys(query).length > 0 ? ` + "?" + ${literal(new URLSearchParams(query).toString())}` : "",
    bodyCode: body !== undefined ? literal(body) : undefined,
    operationIdText: templateText(op.operationId),
  };
  return renderTemplate({ plugin: "shared", file: "test/todo.ejs", data }).trimEnd();
}

/**
 * The todo tests of the operations whose handler is yours, one file per group (`<dir>/<group>.test.ts`, an
 * operation's first tag; groups without such an operation have none): one todo per operation, with an example request.
 * With `run`, `schemas` must be `run.schemas` (its lookups are recorded, so a block is reused only while they hold).
 */
export function renderTodoTests({
  assignments,
  schemas,
  forcedReadOnly,
  dir,
  run,
}: {
  assignments: HandlerAssignment[];
  schemas: Map<string, NamedSchema>;
  forcedReadOnly: ReadonlySet<string>;
  /** The folder of the files (`test/generated/not-generated`). */
  dir: string;
  run?: RenderRun;
}): SourceFile[] {
  const todo = new Map(assignments.filter((a) => a.kind === "scaffold").map((a) => [a.view, a]));
  return groupViews([...todo.keys()]).map(({ views }) => {
    const parts = views.map((view) => {
      const a = todo.get(view) as HandlerAssignment;
      return run && schemas === run.schemas
        ? todoPiece({ inputs: { view: a.view, reason: a.reason, forcedReadOnly }, run })
        : todoTest({ a, schemas, forcedReadOnly });
    });
    const path = `${dir}/${views[0]?.names.group.file ?? ""}.test.ts`;
    return { path, content: joinPieces({ slot: `todoTests:${path}`, parts, separator: "\n\n", prefix: renderTemplate({ plugin: "shared", file: "test/todoImports.ts" }), suffix: "\n", laidOut: false }) };
  });
}
