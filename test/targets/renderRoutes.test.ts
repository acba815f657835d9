import { join } from "node:path";
import { format } from "prettier";
import { textOf } from "../../generators/shared/printedText.js";
import { describe, expect, it } from "vitest";
import { renderRoutes } from "../../generators/fastify/renderRoutes.js";
import { operationView } from "../../generators/shared/operationView.js";
import { buildIr } from "../../src/pipeline/buildIr.js";

const options = { parser: "typescript", printWidth: 120, semi: true, singleQuote: false, trailingComma: "all" as const };

describe("routes.ts and the route modules of each tag", () => {
  // Security requirements (bookstore), cookie and header parameters (the 3.0 petstore), a Swagger 2.0 document.
  it.each(["fixtures/bookstore/openapi.yaml", "fixtures/openapi/v3.0/petstore.yaml", "fixtures/petstore-v2/swagger.yaml"])(
    "is laid out exactly as prettier would: %s",
    async (spec) => {
      const { ir, names } = await buildIr({ openapi: join(process.cwd(), spec) });
      const api = ir.api;
      expect(api).not.toBeNull();
      if (!api) return;
      const views = api.operations.map((op) => operationView({ op, names }));
      const routes = renderRoutes({ views, schemeNames: new Set(api.securitySchemes.map((s) => s.name)), path: "routes.ts", dir: "routes", typesDir: "../types" });
      expect(routes.groups.length).toBeGreaterThan(0);
      for (const file of [routes.index, ...routes.groups]) {
        const text = textOf(file.content);
        expect(text, file.path).toContain("function register");
        expect(await format(text, options), file.path).toBe(text);
      }
    },
  );
});
