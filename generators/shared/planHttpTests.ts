import type { HttpMethod, Operation } from "../../src/ir/types.js";
import { tsString } from "../../src/emit/tsString.js";
import { isJsonMediaType } from "./operationView.js";

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
  /** A GET operation's URL with no HEAD operation (HEAD is answered only where documented), and the path's methods. */
  headNotAllowed: { url: string; allowed: string } | undefined;
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
function urlOf({ op, operations }: { op: Operation; operations: readonly Operation[] }): string[] | undefined {
  const segments = segmentsOf(op.path)?.map((s) => (parameterSegment.test(s) ? "1" : s));
  if (segments === undefined) return undefined;
  const answering = operations.filter((other) => other.method === op.method && matches({ template: other.path, segments }));
  return answering.length === 1 ? segments : undefined;
}

function request({ op, segments }: { op: Operation; segments: string[] }): HttpTestRequest {
  return { method: tsString(op.method.toUpperCase()), url: tsString(`/${segments.join("/")}`) };
}

function methodNotAllowed({ operations }: { operations: readonly Operation[] }): HttpTestPlan["methodNotAllowed"] {
  for (const op of operations) {
    const segments = urlOf({ op, operations });
    if (segments === undefined) continue;
    const answering = (method: HttpMethod) => operations.some((other) => other.method === method && matches({ template: other.path, segments }));
    // HEAD answers without a body: never the one sent.
    const missing = methods.find((m) => m !== "head" && !answering(m));
    if (missing === undefined) continue;
    const allowed = methods.filter((m) => answering(m)).map((m) => m.toUpperCase());
    return { method: tsString(missing.toUpperCase()), url: tsString(`/${segments.join("/")}`), allowed: tsString(allowed.join(", ")) };
  }
  return undefined;
}

function headNotAllowed({ operations }: { operations: readonly Operation[] }): HttpTestPlan["headNotAllowed"] {
  for (const op of operations) {
    const segments = op.method === "get" ? urlOf({ op, operations }) : undefined;
    if (segments === undefined) continue;
    const answering = (method: HttpMethod) => operations.some((other) => other.method === method && matches({ template: other.path, segments }));
    if (answering("head")) continue;
    const allowed = methods.filter((m) => answering(m)).map((m) => m.toUpperCase());
    return { url: tsString(`/${segments.join("/")}`), allowed: tsString(allowed.join(", ")) };
  }
  return undefined;
}

/**
 * The first operation that fits and that the test caller reaches (it passes every security check, but has no role and
 * its address is in no allow list: an `x-vx-roles` or `x-vx-ip-allow` operation answers it 403 before anything else).
 */
function first({ operations, fits }: { operations: readonly Operation[]; fits: (op: Operation) => boolean }): HttpTestRequest | undefined {
  for (const op of operations) {
    const reached = op.roles === undefined && op.ipAllow === undefined;
    const segments = reached && fits(op) ? urlOf({ op, operations }) : undefined;
    if (segments) return request({ op, segments });
  }
  return undefined;
}

function pathParameter({ operations }: { operations: readonly Operation[] }): HttpTestPlan["pathParameter"] {
  for (const op of operations) {
    const segments = urlOf({ op, operations });
    const templates = segmentsOf(op.path) ?? [];
    const at = templates.findIndex((s) => parameterSegment.test(s));
    if (segments === undefined || at < 0) continue;
    const after = segments.slice(at + 1).map((s) => `/${s}`).join("");
    return {
      method: tsString(op.method.toUpperCase()),
      before: tsString(`/${segments.slice(0, at).map((s) => `${s}/`).join("")}`),
      after: after === "" ? undefined : tsString(after),
    };
  }
  return undefined;
}

/** Which operations the generated HTTP tests use, chosen in the operations' (sorted) order. */
export function planHttpTests({ operations, basePath }: { operations: readonly Operation[]; basePath: string }): HttpTestPlan {
  const depth = Math.max(0, ...operations.map((v) => v.path.split("/").length));
  const jsonOnly = (types: readonly string[]) => types.length > 0 && types.every((t) => isJsonMediaType(t.toLowerCase()));
  return {
    basePath: tsString(basePath),
    unknownUrl: tsString("/vx-no-route".repeat(depth + 1)),
    methodNotAllowed: methodNotAllowed({ operations }),
    headNotAllowed: headNotAllowed({ operations }),
    jsonBody: first({ operations, fits: (v) => v.requestBody !== undefined && jsonOnly(v.requestBody.content.map((c) => c.mediaType)) }),
    jsonResponse: first({
      operations,
      fits: (v) => {
        const types = v.responses.flatMap((r) => r.content.map((c) => c.mediaType.toLowerCase()));
        return types.length > 0 && types.every((t) => !t.startsWith("image/") && !t.startsWith("*/"));
      },
    }),
    pathParameter: pathParameter({ operations }),
  };
}
