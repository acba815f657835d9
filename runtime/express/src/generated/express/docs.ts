import { createRequire } from "node:module";
import { dirname } from "node:path";
import express, { Router } from "express";
import { openapiDocumentText } from "../runtime/generatedData.js";
import { ifNoneMatchHits, strongEtag } from "../runtime/httpCache.js";

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
 * `/openapi.json` (the document as written, read once, with its strong `ETag`: 304 on a matching `If-None-Match`) and,
 * unless `docs` is false, `/docs/` (Swagger UI from the swagger-ui-dist package: no CDN).
 */
export function docsRouter({ docs }: { docs: boolean }): Router {
  const router = Router({ caseSensitive: true, strict: true });
  const documentEtag = strongEtag(openapiDocumentText);
  router.get("/openapi.json", (req, res) => {
    res.setHeader("etag", documentEtag);
    if (ifNoneMatchHits({ header: req.headers["if-none-match"], etag: documentEtag })) res.status(304).end();
    else res.type("application/json; charset=utf-8").send(openapiDocumentText);
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
