import type { HttpMethod } from "../../src/ir/types.js";
import { tsString } from "../../src/emit/tsString.js";
import { isJsonMediaType, type OperationView } from "../shared/operationView.js";

/** A request line of the generated HTTP tests, as TypeScript string literals (the URL is relative to the base path). */
export interface HttpTestRequest {
  method: string;
  url: string;
}

/** What the generated `test/generated/http.test.ts` sends to the real app; a case without a fitting operation is left out. */
export interface HttpTestPlan {
  basePath: string;
  /** A URL no route can match (more segments than any path has). */
  unknownUrl: string;
  /** A path with routes and a method it has none for, and the methods it has (as `Allow` lists them). */
  methodNotAllowed: (HttpTestRequest & { allowed: string }) | undefined;
  /** An operation whose documented bodies are all JSON. */
  jsonBody: HttpTestRequest | undefined;
  /** An operation whose documented responses are all JSON-like (no `image/*`, no wildcard). */
  jsonResponse: HttpTestRequest | undefined;
  /** An operation with a path parameter: the URL before and after its segment. */
  pathParameter: { method: string; before: string; after: string | undefined } | undefined;
}

const methods: readonly HttpMethod[] = ["delete", "get", "head", "options", "patch", "post", "put", "trace"];
/** Literal path segments sent as they are (unreserved characters only). */
const plainSegment = /^[A-Za-z0-9._~-]*$/;
const parameterSegment = /^\{[^{}]+\}$/;

/** The segments of a path template, or undefined when one is neither plain nor exactly one parameter. */
function segmentsOf(path: string): string[] | undefined {
  const segments = path.split("/").slice(1);
  return segments.every((s) => plainSegment.test(s) || parameterSegment.test(s)) ? segments : undefined;
}

/** Whether a path template matches concrete segments (a parameter matches any non-empty segment). */
function matches({ template, segments }: { template: string; segments: string[] }): boolean {
  const parts = template.split("/").slice(1);
  return parts.length === segments.length && parts.every((p, i) => p === segments[i] || (/\{[^}]*\}/.test(p) && segments[i] !== ""));
}

/** A concrete URL of an operation (parameters `1`), when exactly that operation answers it. */
function urlOf({ view, views }: { view: OperationView; views: readonly OperationView[] }): string[] | undefined {
  const segments = segmentsOf(view.op.path)?.map((s) => (parameterSegment.test(s) ? "1" : s));
  if (segments === undefined) return undefined;
  const answering = views.filter((v) => v.op.method === view.op.method && matches({ template: v.op.path, segments }));
  return answering.length === 1 ? segments : undefined;
}

function request({ view, segments }: { view: OperationView; segments: string[] }): HttpTestRequest {
  return { method: tsString(view.op.method.toUpperCase()), url: tsString(`/${segments.join("/")}`) };
}

function methodNotAllowed({ views }: { views: readonly OperationView[] }): HttpTestPlan["methodNotAllowed"] {
  for (const view of views) {
    const segments = urlOf({ view, views });
    if (segments === undefined) continue;
    const answering = (method: HttpMethod) => views.some((v) => v.op.method === method && matches({ template: v.op.path, segments }));
    // HEAD answers without a body: never the one sent.
    const missing = methods.find((m) => m !== "head" && !answering(m));
    if (missing === undefined) continue;
    const allowed = methods.filter((m) => answering(m)).map((m) => m.toUpperCase());
    return { method: tsString(missing.toUpperCase()), url: tsString(`/${segments.join("/")}`), allowed: tsString(allowed.join(", ")) };
  }
  return undefined;
}

function first({ views, fits }: { views: readonly OperationView[]; fits: (view: OperationView) => boolean }): HttpTestRequest | undefined {
  for (const view of views) {
    const segments = fits(view) ? urlOf({ view, views }) : undefined;
    if (segments) return request({ view, segments });
  }
  return undefined;
}

function pathParameter({ views }: { views: readonly OperationView[] }): HttpTestPlan["pathParameter"] {
  for (const view of views) {
    const segments = urlOf({ view, views });
    const templates = segmentsOf(view.op.path) ?? [];
    const at = templates.findIndex((s) => parameterSegment.test(s));
    if (segments === undefined || at < 0) continue;
    const after = segments.slice(at + 1).map((s) => `/${s}`).join("");
    return {
      method: tsString(view.op.method.toUpperCase()),
      before: tsString(`/${segments.slice(0, at).map((s) => `${s}/`).join("")}`),
      after: after === "" ? undefined : tsString(after),
    };
  }
  return undefined;
}

/** Which operations the generated HTTP tests use, chosen in the views' (sorted) order. */
export function planHttpTests({ views, basePath }: { views: readonly OperationView[]; basePath: string }): HttpTestPlan {
  const depth = Math.max(0, ...views.map((v) => v.op.path.split("/").length));
  const jsonOnly = (types: readonly string[]) => types.length > 0 && types.every((t) => isJsonMediaType(t.toLowerCase()));
  return {
    basePath: tsString(basePath),
    unknownUrl: tsString("/vx-no-route".repeat(depth + 1)),
    methodNotAllowed: methodNotAllowed({ views }),
    jsonBody: first({ views, fits: (v) => v.op.requestBody !== undefined && jsonOnly(v.op.requestBody.content.map((c) => c.mediaType)) }),
    jsonResponse: first({
      views,
      fits: (v) => {
        const types = v.op.responses.flatMap((r) => r.content.map((c) => c.mediaType.toLowerCase()));
        return types.length > 0 && types.every((t) => !t.startsWith("image/") && !t.startsWith("*/"));
      },
    }),
    pathParameter: pathParameter({ views }),
  };
}
