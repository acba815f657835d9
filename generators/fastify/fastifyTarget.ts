import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ejs from "ejs";
import type { RenderInput, RenderOutput, TargetPlugin } from "../../src/targets/TargetPlugin.js";
import type { TargetRuntime } from "../../src/targets/TargetRuntime.js";
import { finishFiles, type DraftFile } from "../shared/finishFiles.js";
import { renderBackendCore } from "../shared/renderBackendCore.js";
import { apiKeyLocations } from "../shared/planRouteRow.js";
import { renderRouteTables } from "../shared/renderRouteTables.js";
import { runtimeFile } from "../shared/runtimeFile.js";
import { importLiteral, projectLayout } from "../shared/projectLayout.js";
import type { PrintedText } from "../shared/printedText.js";
import { templatesDir } from "../shared/toolkitRoot.js";
import { fastifyPath } from "./fastifyPath.js";
import { renderRoutesIndex } from "./renderRoutesIndex.js";
import { unusableBodyNames } from "../shared/unusableBodyNames.js";

/** Fastify's side of the TargetRuntime contract (the rest of it is this folder's templates). */
export const fastifyRuntime: TargetRuntime = {
  name: "fastify",
  dependencies: { runtime: ["fastify", "fastify-plugin", "fast-json-stringify", "@fastify/swagger", "@fastify/swagger-ui", "@fastify/helmet", "@fastify/cors", "@fastify/compress", "@fastify/rate-limit"], dev: [] },
  // Fastify's own multipart plugin (streaming busboy fork, limits, no binaries); major 10 is Fastify 5's.
  multipartDependencies: { runtime: ["@fastify/multipart"], dev: [] },
  routePath: fastifyPath,
};

async function template({ file, data }: { file: string; data: Record<string, unknown> }): Promise<string> {
  const text = await readFile(join(templatesDir("fastify"), file), "utf8");
  return file.endsWith(".ejs") ? ejs.render(text, data) : text;
}

/**
 * The Fastify 5 target: the shared backend core (types, validation schemas, repositories, services, data mapper,
 * handlers, tests, request validators precompiled at generation time) plus Fastify's part: routes adapting requests
 * to the handler contract and handing Fastify the precompiled validators (nothing compiles at start-up; parameters
 * converted by their OpenAPI style and schema first, bodies never coerced or stripped), response serialization from
 * the documented schemas, the one error format, security hooks, Swagger UI, and the bootstrap (`src/server.ts`).
 */
export const fastifyTarget: TargetPlugin = {
  name: "fastify",
  description: "Fastify 5 + Prisma 7 (SQLite, PostgreSQL, MySQL through driver adapters), precompiled request validators, vitest tests",
  async render({ ir, names, options, document }: RenderInput): Promise<RenderOutput> {
    const core = await renderBackendCore({
      ir,
      names,
      options,
      runtime: fastifyRuntime,
      document,
    });
    const data = core.templateData;
    const drafts: DraftFile[] = [...core.drafts];
    const gen = (path: string, content: string | PrintedText) => drafts.push({ path, content, ownership: "generated" });
    const runtime = ["access.ts", "errorHandler.ts", "validation.ts", "sendResult.ts", "security.ts", "parameters.ts", "routeTable.ts", "jsonBodyParser.ts", "lazySerializerCompiler.ts", "formBodyParser.ts", "logging.ts", "negotiation.ts", "notFound.ts", "serverOptions.ts", "health.ts", "requestId.ts", "transport.ts", "rateLimit.ts", "etag.ts", "metrics.ts", "tracing.ts"];
    if (data.multipart) runtime.push("multipartReader.ts");
    for (const file of runtime) {
      const copied = await runtimeFile({ plugin: "fastify", path: `src/generated/fastify/${file}` });
      gen(copied.path, copied.content);
    }
    gen("src/generated/fastify/app.ts", await template({ file: "fastify/app.ts.ejs", data: { ...data, policiesLiteral: importLiteral({ from: "src/generated/fastify/app.ts", to: projectLayout.policies }) } }));
    // Route modules are laid out as prettier would (routeRowDoc), so prettier is skipped on them.
    const definitions = "src/generated/fastify/routeTable.ts";
    const dir = "src/generated/fastify/routes";
    const routes = renderRouteTables({
      views: core.views,
      schemeNames: new Set(ir.api?.securitySchemes.map((s) => s.name) ?? []),
      apiKeys: apiKeyLocations(ir.api?.securitySchemes ?? []),
      operations: core.validationSchemas.operations,
      validatorModules: core.validatorModules,
      routePath: fastifyRuntime.routePath,
      dir,
      definitions,
    });
    const index = renderRoutesIndex({ path: "src/generated/fastify/routes.ts", dir, tables: routes.tables, definitions });
    gen(index.path, index.content);
    for (const file of routes.groups) gen(file.path, file.content);
    gen("test/generated/support/testApi.ts", await template({ file: "testApi.ts.ejs", data }));
    // The framework pieces (error format, limits, body parser, logs, rate limits) on small apps of the tests' own.
    for (const test of ["framework.test.ts", "rateLimit.test.ts", "tracing.test.ts"]) {
      const copied = await runtimeFile({ plugin: "fastify", path: `test/generated/fastify/${test}` });
      gen(copied.path, copied.content);
    }
    drafts.push({ path: "src/server.ts", content: await template({ file: "server.ts.ejs", data }), ownership: "scaffold" });
    const schemas = new Map((ir.api?.schemas ?? []).map((s) => [s.name, s]));
    return { files: await finishFiles(drafts), diagnostics: [...core.diagnostics, ...unusableBodyNames({ views: core.views, schemas })] };
  },
};
