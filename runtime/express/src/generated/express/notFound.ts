import type { RequestHandler } from "express";
import { errorBody } from "../runtime/errors.js";
import { sendError } from "./errorHandler.js";

/** A documented path and the methods it has operations for (upper case, sorted as `Allow` lists them). */
export interface OperationPath {
  path: string;
  methods: readonly string[];
}

/** `/pets/{petId}` -> a RegExp matching the concrete (still percent-encoded) paths the template covers. */
function templatePattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

/**
 * The last middleware before the error handler, for requests no route answered: 405 METHOD_NOT_ALLOWED with `Allow`
 * when a documented path under `basePath` has operations for other methods, else 404 NOT_FOUND. Neither message
 * quotes the request.
 */
export function notFound({ basePath, paths }: { basePath: string; paths: readonly OperationPath[] }): RequestHandler {
  const patterns = paths.map(({ path, methods }) => ({ pattern: templatePattern(path), allow: methods.join(", ") }));
  return (req, res) => {
    const path = req.originalUrl.split("?")[0] ?? "";
    const relative = path.startsWith(basePath) ? path.slice(basePath.length) : undefined;
    const allowed = relative === undefined ? undefined : patterns.find(({ pattern }) => pattern.test(relative));
    if (allowed !== undefined) {
      res.setHeader("allow", allowed.allow);
      return sendError({
        res,
        status: 405,
        body: errorBody({ code: "METHOD_NOT_ALLOWED", message: "the method is not allowed on this path" }),
      });
    }
    return sendError({
      res,
      status: 404,
      body: errorBody({ code: "NOT_FOUND", message: "no operation at this path" }),
    });
  };
}
