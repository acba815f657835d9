import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { canaryCode, payloads } from "../hostile/hostileSpec.js";
import { generateFixture } from "./helpers/generateFixture.js";

// Envelope names come from the spec: each reaches the generated handler only through src/emit, so the module parses,
// runs no payload, and its keys and accesses are exactly the spec's names (`__proto__` defined, never the prototype).

const wrapper = `";${canaryCode};"`;
const items = payloads[0] ?? "";
const total = "__proto__";

function spec(): string {
  const item = { type: "object", additionalProperties: false, required: ["name"], properties: { name: { type: "string" } } };
  const wrapped = { type: "object", required: [wrapper], properties: { [wrapper]: { $ref: "#/components/schemas/Item" } } };
  const page = { type: "object", required: [items, total], properties: { [items]: { type: "array", items: { $ref: "#/components/schemas/Item" } }, [total]: { type: "integer" } } };
  const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
  return JSON.stringify({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/items": {
        post: { operationId: "createItem", "x-vx-envelope": wrapper, requestBody: { required: true, ...json(wrapped) }, responses: { "201": { description: "ok", ...json(wrapped) } } },
        get: { operationId: "listItems", "x-vx-envelope": { items, total }, responses: { "200": { description: "ok", ...json(page) } } },
      },
    },
    components: { schemas: { Item: item } },
  });
}

/** Every call expression's callee text, the keys of object literals and the names accessed by element access. */
function shapeOf(source: ts.SourceFile): { calls: string[]; keys: string[]; accessed: string[] } {
  const found = { calls: [] as string[], keys: [] as string[], accessed: [] as string[] };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) found.calls.push(node.expression.getText(source));
    if (ts.isPropertyAssignment(node)) {
      const name = node.name;
      if (ts.isComputedPropertyName(name) && ts.isStringLiteral(name.expression)) found.keys.push(`[${name.expression.text}]`);
      else if (ts.isStringLiteral(name) || ts.isIdentifier(name)) found.keys.push(name.text);
    }
    if (ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression)) found.accessed.push(node.argumentExpression.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("envelope names from the spec in generated handlers", () => {
  let handlers: string;
  beforeAll(async () => {
    const dir = join(process.cwd(), "test", ".out", "envelope-escaping");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "openapi.json"), spec());
    await writeFile(join(dir, "schema.prisma"), 'datasource db {\n  provider = "sqlite"\n}\n\nmodel Item {\n  id   Int    @id @default(autoincrement())\n  name String\n}\n');
    const output = await generateFixture({ openapi: join(dir, "openapi.json"), prisma: join(dir, "schema.prisma") });
    const file = output.files.find((f) => f.path === "src/generated/handlers/item.handlers.ts");
    if (!file) throw new Error(`no item handlers: ${output.files.map((f) => f.path).join(", ")}`);
    handlers = file.content;
  }, 120_000);

  it("parses, calls nothing a payload wrote, and keeps each name exactly as the spec spells it", () => {
    const source = ts.createSourceFile("item.handlers.ts", handlers, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const diagnostics = (source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics;
    expect(diagnostics).toEqual([]);
    const { calls, keys, accessed } = shapeOf(source);
    expect(calls.filter((c) => c.includes("writeFileSync") || c.includes("getBuiltinModule"))).toEqual([]);
    // The request's wrapped record is read by its exact name, and the answer wraps it under that name.
    expect(accessed).toContain(wrapper);
    expect(keys).toContain(wrapper);
    // The page: items under their exact name, the count under `__proto__` as an own property (computed key).
    expect(keys).toContain(items);
    expect(keys).toContain("[__proto__]");
    expect(handlers).toContain("count(where)");
  });
});
