import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { generateFixture } from "../targets/helpers/generateFixture.js";
import { hostileSpec } from "./hostileSpec.js";

const dir = join(process.cwd(), "test", ".out", "injection");

/** Every identifier of a TypeScript source (strings, template text and comments hold none), and its syntax errors. */
function identifiers(source: string): { names: Set<string>; errors: number } {
  const file = ts.createSourceFile("f.ts", source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { names, errors: (file as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length };
}

async function generate({ name, openapi, prisma }: { name: string; openapi: unknown; prisma?: string }) {
  await mkdir(dir, { recursive: true });
  const spec = join(dir, `${name}.json`);
  await writeFile(spec, JSON.stringify(openapi, null, 2));
  let schema: string | undefined;
  if (prisma !== undefined) await writeFile((schema = join(dir, `${name}.prisma`)), prisma);
  return generateFixture({ openapi: spec, ...(schema ? { prisma: schema } : {}) });
}

/** The generated TypeScript files in which `identifier` is code (not text). */
function filesRunning({
  files,
  identifier,
}: {
  files: { path: string; content: string }[];
  identifier: string;
}): string[] {
  return files.filter((f) => f.path.endsWith(".ts") && identifiers(f.content).names.has(identifier)).map((f) => f.path);
}

describe("spec strings never become code", () => {
  it("an operationId with ${...} and a path key with a backslash before a backtick stay text in the generated tests", async () => {
    const openapi = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/x": {
          get: {
            operationId: "x${globalThis.process.stdout.write('INJECTED')}",
            responses: { "200": { description: "ok" } },
          },
        },
        "/a\\`+globalThis.process.stdout.write('INJECTED')+\\`": {
          get: { operationId: "pathKey", responses: { "200": { description: "ok" } } },
        },
      },
    };
    const output = await generate({ name: "issue", openapi });
    const tests = output.files.filter((f) => f.path.startsWith("test/"));
    expect(tests.map((f) => f.path)).toContain("test/generated/not-generated/default.test.ts");
    for (const file of output.files.filter((f) => f.path.endsWith(".ts")))
      expect(identifiers(file.content).errors, file.path).toBe(0);
    expect(filesRunning({ files: output.files, identifier: "INJECTED" })).toEqual([]);
    const todo = tests.find((f) => f.path.endsWith("default.test.ts"))?.content ?? "";
    expect(identifiers(todo).names.has("write")).toBe(false);
  });

  it("operationIds with a backtick or a backslash and a path parameter named __proto__ generate (no VX500)", async () => {
    const openapi = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/things/{__proto__}": {
          get: {
            operationId: "get`x\\y",
            parameters: [{ name: "__proto__", in: "path", required: true, schema: { type: "string" } }],
            responses: { "200": { description: "ok" } },
          },
        },
        "/b": { get: { operationId: "back\\slash", responses: { "200": { description: "ok" } } } },
      },
    };
    const output = await generate({ name: "names", openapi });
    const routes = output.files.find((f) => f.path === "src/generated/fastify/routes/default.ts")?.content ?? "";
    expect(routes).toContain('pathKeys: [["__proto__", "p0"]]');
    expect(output.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(["src/handlers/get-x-y.ts", "src/handlers/back-slash.ts"]),
    );
  });

  it("the seeded hostile spec: every generated file parses, no payload is code, no path leaves the project", async () => {
    const input = hostileSpec(11);
    const output = await generate({ name: "hostile", openapi: input.openapi, prisma: input.prisma });
    for (const file of output.files) {
      expect(file.path).not.toMatch(/(^|\/)\.\.(\/|$)|\\|^\//);
      if (/\.(ts|mjs)$/.test(file.path)) expect(identifiers(file.content).errors, file.path).toBe(0);
    }
    expect(filesRunning({ files: output.files, identifier: "getBuiltinModule" })).toEqual([]);
    for (const file of output.files.filter((f) => f.path.endsWith(".json")))
      expect(() => JSON.parse(file.content || "{}"), file.path).not.toThrow();
  });
});
