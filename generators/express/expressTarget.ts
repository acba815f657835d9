import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ejs from "ejs";
import type { RenderInput, RenderOutput, TargetPlugin } from "../../src/targets/TargetPlugin.js";
import type { TargetRuntime } from "../../src/targets/TargetRuntime.js";
import { finishFiles, type DraftFile } from "../shared/finishFiles.js";
import type { PrintedText } from "../shared/printedText.js";
import { renderBackendCore } from "../shared/renderBackendCore.js";
import { apiKeyLocations } from "../shared/planRouteRow.js";
import { renderRouteTables } from "../shared/renderRouteTables.js";
import { runtimeFile } from "../shared/runtimeFile.js";
import { importLiteral, projectLayout } from "../shared/projectLayout.js";
import { templatesDir } from "../shared/toolkitRoot.js";
import { unusableBodyNames } from "../shared/unusableBodyNames.js";
import { expressPath } from "./expressPath.js";
import { planExpressRoutes } from "./planExpressRoutes.js";

/** Express's side of the TargetRuntime contract (the rest of it is this folder's templates). */
export const expressRuntime: TargetRuntime = {
  name: "express",
  dependencies: { runtime: ["express", "swagger-ui-dist", "helmet", "cors", "compression", "express-rate-limit", "rate-limit-redis", "pino"], dev: ["@types/express", "@types/cors", "@types/compression"] },
  // busboy directly: the streaming parser multer wraps, without multer's field-name rewriting or disk storage.
  multipartDependencies: { runtime: ["busboy"], dev: ["@types/busboy"] },
  routePath: expressPath,
};

/** Template texts by file: read once per process (they are part of vx-gen, not of the user's project). */
const texts = new Map<string, Promise<string>>();

async function template({ file, data }: { file: string; data: Record<string, unknown> }): Promise<string> {
  let text = texts.get(file);
  if (text === undefined) texts.set(file, (text = readFile(join(templatesDir("express"), file), "utf8")));
  return file.endsWith(".ejs") ? ejs.render(await text, data) : text;
}

/** The glue's fixed modules: runtime/express/src/generated/express/, copied as they are into the project. */
const runtimeFiles = ["access.ts", "docs.ts", "errorHandler.ts", "health.ts", "httpServer.ts", "jsonBody.ts", "logger.ts", "metrics.ts", "negotiation.ts", "notFound.ts", "rateLimit.ts", "requestId.ts", "routeSupport.ts", "routeTable.ts", "security.ts", "serializer.ts", "tracing.ts", "transport.ts", "validation.ts"];

/**
 * The Express 5 target: the shared backend core plus Express's part. A route table per tag (data: validators
 * imported by name, parameter definitions, response schemas, media types, security), each served by a `Router` that
 * routeTable.ts builds; its routes hand the request, parsed by OpenAPI style and checked by the validators compiled at generation time, to the same strict
 * handlers as every target; responses projected onto their documented schemas (only documented fields leave); an
 * error-handling middleware answering the one error format (Express's, its parsers' and Node's errors too);
 * `/openapi.json` and `/docs` (swagger-ui-dist); `createApp(options)` returning the app unstarted, and `src/server.ts`
 * serving it with the limits from the environment.
 */
export const expressTarget: TargetPlugin = {
  name: "express",
  description: "Express 5 + Prisma 7 (SQLite, PostgreSQL, MySQL through driver adapters), precompiled request validators, vitest tests",
  async render({ ir, names, options, document }: RenderInput): Promise<RenderOutput> {
    const core = await renderBackendCore({ ir, names, options, runtime: expressRuntime, document });
    const data = core.templateData;
    const drafts: DraftFile[] = [...core.drafts];
    const gen = (path: string, content: string | PrintedText) => drafts.push({ path, content, ownership: "generated" });
    const copy = async (path: string) => {
      const copied = await runtimeFile({ plugin: "express", path });
      gen(copied.path, copied.content);
    };
    for (const file of runtimeFiles) await copy(`src/generated/express/${file}`);
    if (data.multipart) await copy("src/generated/express/multipartReader.ts");
    gen("src/generated/express/app.ts", await template({ file: "express/app.ts.ejs", data: { ...data, policiesLiteral: importLiteral({ from: "src/generated/express/app.ts", to: projectLayout.policies }) } }));
    // Route modules are laid out as prettier would (renderRouteTables), so prettier is skipped on them.
    const routes = renderRouteTables({
      views: core.views,
      schemeNames: new Set(ir.api?.securitySchemes.map((s) => s.name) ?? []),
      apiKeys: apiKeyLocations(ir.api?.securitySchemes ?? []),
      operations: core.validationSchemas.operations,
      validatorModules: core.validatorModules,
      routePath: expressRuntime.routePath,
      dir: "src/generated/express/routes",
      definitions: "src/generated/express/routeTable.ts",
    });
    for (const file of routes.groups) gen(file.path, file.content);
    const plan = planExpressRoutes({ operations: core.views.map((v) => v.op), tables: routes.tables });
    gen("src/generated/express/routes.ts", await template({ file: "express/routes.ts.ejs", data: { plan } }));
    gen("test/generated/support/testApi.ts", await template({ file: "testApi.ts.ejs", data }));
    // The glue's pieces (error format, limits, body parser, projectors, logs, rate limits) on small apps of the tests' own.
    await copy("test/generated/express/framework.test.ts");
    await copy("test/generated/express/rateLimit.test.ts");
    await copy("test/generated/express/tracing.test.ts");
    drafts.push({ path: "src/server.ts", content: await template({ file: "server.ts.ejs", data }), ownership: "scaffold" });
    const schemas = new Map((ir.api?.schemas ?? []).map((s) => [s.name, s]));
    return { files: await finishFiles(drafts), diagnostics: [...core.diagnostics, ...unusableBodyNames({ views: core.views, schemas })] };
  },
};
