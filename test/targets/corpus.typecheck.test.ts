import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { format } from "prettier";
import { beforeAll, describe, expect, it } from "vitest";
import { generateFixture } from "./helpers/generateFixture.js";
import { runCommand, toolkitBin } from "./helpers/runCommand.js";
import { writeRendered } from "./helpers/writeRendered.js";
import { sharedInputPresent } from "../helpers/sharedInput.js";

const corpus = join(process.cwd(), "..", "shared", "corpus", "openapi");
/**
 * Every OpenAPI document of the corpus (issue 12): Swagger 2.0, OpenAPI 3.0 and 3.1, JSON and YAML, multi-file, the
 * largest (Stripe: 468 operations, 819 schemas) included. `layout`: its types modules are also compared with
 * prettier's layout (slow on the big ones, which were checked by hand).
 */
const documents = [
  { name: "stripe", file: "stripe/spec3.yaml", layout: false },
  { name: "docker-engine", file: "docker-engine/swagger.yaml", layout: true },
  { name: "oai-uspto", file: "oai-uspto/uspto.yaml", layout: true },
  { name: "redocly-museum", file: "redocly-museum/openapi.yaml", layout: true },
  { name: "oai-petstore-expanded", file: "oai-petstore-expanded/petstore-expanded.yaml", layout: true },
  { name: "oai-petstore-separate-v2", file: "oai-petstore-separate-v2/spec/swagger.yaml", layout: true },
  { name: "apisguru-trello", file: "apisguru-trello/swagger.yaml", layout: false },
  { name: "box", file: "box/openapi.json", layout: false },
  { name: "digitalocean", file: "digitalocean/DigitalOcean-public.v2.yaml", layout: false },
  { name: "discord", file: "discord/openapi.json", layout: false },
  { name: "figma", file: "figma/openapi.yaml", layout: false },
  { name: "oai-api-with-examples", file: "oai-api-with-examples/api-with-examples.yaml", layout: true },
  { name: "oai-callback-example", file: "oai-callback-example/callback-example.yaml", layout: true },
  { name: "oai-link-example", file: "oai-link-example/link-example.yaml", layout: true },
  { name: "oai-petstore", file: "oai-petstore/petstore.yaml", layout: true },
  // Webhooks only: no operation, so no operations module to lay out.
  { name: "oai-webhook-example", file: "oai-webhook-example/webhook-example.yaml", layout: false },
];
const present = sharedInputPresent({ path: corpus, what: "corpus type-check tests" });

/**
 * Generated projects without a Prisma schema (every operation unbound, handlers scaffolded) must type-check strictly.
 * The projects are checked by one tsc run over all of them with the generated tsconfig's options (one compiler
 * start instead of sixteen); each project resolves its packages from the linked node_modules above it.
 */
describe.skipIf(!present)("corpus documents: generated Fastify projects type-check", () => {
  const root = join(process.cwd(), "test", ".out", "corpus");
  const rendered = new Map<string, { files: number; operations: number; handlers: number; ms: number }>();
  /** The types modules, routes and handler scaffolds of each document (laid out by vx-gen itself, not prettier). */
  const typeModules = new Map<string, { path: string; content: string }[]>();

  beforeAll(async () => {
    await rm(root, { recursive: true, force: true });
    await mkdir(root, { recursive: true });
    for (const doc of documents) {
      const started = performance.now();
      const output = await generateFixture({ openapi: join(corpus, doc.file) });
      const ms = Math.round(performance.now() - started);
      await writeRendered({ dir: join(root, doc.name), files: output.files });
      typeModules.set(
        doc.name,
        output.files.filter((f) => /^src\/generated\/types\/(operations(\/[^/]+)?|schemas\.\w+)\.ts$|^src\/generated\/fastify\/routes(\/[^/]+)?\.ts$|^src\/handlers\//.test(f.path)),
      );
      rendered.set(doc.name, {
        files: output.files.length,
        operations: output.ir.api?.operations.length ?? 0,
        handlers: output.files.filter((f) => f.path.startsWith("src/handlers/")).length,
        ms,
      });
    }
    await symlink(join(process.cwd(), "node_modules"), join(root, "node_modules"), "dir");
    const first = documents[0]?.name ?? "";
    const generated = JSON.parse(await readFile(join(root, first, "tsconfig.json"), "utf8")) as { compilerOptions: object };
    await writeFile(
      join(root, "tsconfig.json"),
      JSON.stringify({ compilerOptions: generated.compilerOptions, include: documents.flatMap((d) => [`${d.name}/src/**/*.ts`, `${d.name}/test/**/*.ts`]) }, null, 2),
    );
  }, 400_000);

  it("lays out the types modules, routes and handler scaffolds exactly as prettier would (prettier itself is skipped on them for speed)", async () => {
    // The big ones are left out only because prettier needs ~10 s for each; Stripe's, GitHub's, Box's, Trello's,
    // Discord's and Figma's were checked by hand (identical).
    const layoutChecked = new Set(documents.filter((d) => d.layout).map((d) => d.name));
    for (const [name, files] of [...typeModules].filter(([n]) => layoutChecked.has(n))) {
      // The two schema modules, and per kind (types, routes) an index and one module per tag.
      const groups = files.filter((f) => f.path.startsWith("src/generated/types/operations/")).length;
      expect(groups, name).toBeGreaterThan(0);
      expect(files.filter((f) => f.path.startsWith("src/generated/fastify/routes/")).length, name).toBe(groups);
      expect(files.filter((f) => f.path.startsWith("src/generated/")).length, name).toBe(4 + 2 * groups);
      for (const file of files) {
        const banner = file.path.startsWith("src/generated/") ? file.content.indexOf("\n") + 1 : 0;
        const body = file.content.slice(banner);
        const pretty = await format(body, { parser: "typescript", printWidth: 120, semi: true, singleQuote: false, trailingComma: "all" });
        expect(body === pretty, `${name}/${file.path}`).toBe(true);
      }
    }
  }, 120_000);

  it("scaffolds one handler per operation", () => {
    for (const [name, info] of rendered) {
      console.log(`[corpus] ${name}: ${info.operations} operations, ${info.files} files, generated in ${info.ms} ms`);
      expect(info.handlers, name).toBe(info.operations);
    }
  });

  it("gives each form or multipart operation a body validator", async () => {
    const { readdir } = await import("node:fs/promises");
    const counts: string[] = [];
    for (const doc of documents) {
      const dir = join(root, doc.name, "src", "generated", "fastify", "routes");
      const routeFiles = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".ts"));
      let forms = 0;
      for (const file of routeFiles) {
        const text = await readFile(join(dir, file), "utf8");
        // One route entry per `operationId:`; its consumes list says whether its body is a form or multipart.
        for (const entry of text.split(/\n\s*operationId: /).slice(1)) {
          const consumes = /consumes: \[([^\]]*)\]/.exec(entry)?.[1] ?? "";
          if (!/application\/x-www-form-urlencoded|multipart\/form-data/.test(consumes)) continue;
          forms += 1;
          expect(entry, `${doc.name}: ${entry.slice(0, entry.indexOf("\n"))}`).toMatch(/validators: (\w+Body,|\{[^}]*\.\.\.\w+Body,?\s*\})/);
        }
      }
      if (forms > 0) counts.push(`${doc.name} ${forms}`);
    }
    console.log(`[corpus] form and multipart operations, each with a body validator: ${counts.join(", ")}`);
    // Stripe's API is forms throughout; Box and DigitalOcean have uploads.
    expect(counts.find((c) => c.startsWith("stripe "))).toBeDefined();
  });

  it("type-checks with tsc --strict", async () => {
    const tsc = toolkitBin("tsc");
    const result = await runCommand({ ...tsc, args: [...tsc.args, "-p", "tsconfig.json", "--noEmit"], cwd: root, timeoutMs: 400_000 });
    console.log(`[corpus] tsc over ${documents.length} projects: ${result.ms} ms`);
    expect(result.stdout.split("\n").slice(0, 40).join("\n") + result.stderr).toBe("");
    expect(result.code).toBe(0);
  }, 400_000);
});
