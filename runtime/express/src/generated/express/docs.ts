import { createRequire } from "node:module";
import { dirname } from "node:path";
import express, { Router } from "express";

/** Swagger UI's start script, pointed at the served document (relative: it works under any mount path). */
const initializer = `window.onload = () => {
  window.ui = SwaggerUIBundle({
    url: "../openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout",
  });
};
`;

/**
 * `/openapi.json` (`document`, the imported src/generated/data/openapiDocument.ts, serialized once) and, unless `docs`
 * is false, `/docs/` (Swagger UI from the swagger-ui-dist package: no CDN).
 */
export function docsRouter({ docs, document }: { docs: boolean; document: unknown }): Router {
  const router = Router({ caseSensitive: true, strict: true });
  const json = JSON.stringify(document);
  router.get("/openapi.json", (_req, res) => {
    res.type("application/json; charset=utf-8").send(json);
  });
  if (docs) {
    const assets = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
    router.get("/docs/swagger-initializer.js", (_req, res) => {
      res.type("text/javascript; charset=utf-8").send(initializer);
    });
    router.use("/docs", express.static(assets, { index: "index.html" }));
  }
  return router;
}
