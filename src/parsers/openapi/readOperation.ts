import type { Callback, HttpMethod, Operation, Parameter, RequestBody } from "../../ir/types.js";
import { childCursor, report, sourceOf, type ReadContext } from "./ReadContext.js";
import { cursorKey, type Cursor } from "./SpecFile.js";
import { derefCursor } from "./derefCursor.js";
import { isRecord } from "./jsonPointer.js";
import { refOf } from "./resolveRef.js";
import { readParameter } from "./readParameter.js";
import { readRequestBody, readSwaggerRequestBody } from "./readRequestBody.js";
import { readResponses } from "./readResponses.js";
import { readRateLimit } from "./readRateLimit.js";
import { readAudit } from "./readAudit.js";
import { readOperationCacheControl } from "./readOperationCacheControl.js";
import { readOperationAccess } from "./readOperationAccess.js";
import { readEnvelopeHint } from "./readEnvelopeHint.js";
import { readSecurityRequirements } from "./readSecurity.js";
import { closeEntry, openEntry, recordHit, rootMember } from "./ReadRecording.js";

export const httpMethods: readonly HttpMethod[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** What an operation inherits from its path item and the document. */
export interface OperationScope {
  /** The path item's `parameters`, each dereferenced. */
  pathParameters: Cursor[];
  /** Names of the defined security schemes (for VX114). */
  securitySchemes: ReadonlySet<string>;
  /** The path item's `x-vx-owner` (its operations' own win). */
  owner?: Cursor;
}

/** `x-vx-owner` of the operation, else of its path item: a non-empty field name, or VX125 at it. */
function readOwnerHint({ ctx, cursor, scope }: { ctx: ReadContext; cursor: Cursor; scope: OperationScope }): Operation["ownerHint"] {
  const own = childCursor({ cursor, segments: ["x-vx-owner"] });
  const at = own.value !== undefined ? own : scope.owner;
  if (at === undefined || at.value === undefined) return undefined;
  if (typeof at.value === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(at.value)) return { field: at.value, source: sourceOf(at) };
  report({
    ctx,
    code: "VX125",
    message: "x-vx-owner must name a field of the bound model (a string such as `ownerId`)",
    at,
    help: "write `x-vx-owner: ownerId`, the Prisma field that holds the owner's subject (the `sub` of their token)",
  });
  return undefined;
}

/** `x-vx-relation` of the operation: a relation name (the to-many relation a relation action changes), or VX321 at it. */
function readRelationHint({ ctx, cursor }: { ctx: ReadContext; cursor: Cursor }): Operation["relationHint"] {
  const at = childCursor({ cursor, segments: ["x-vx-relation"] });
  if (at.value === undefined) return undefined;
  if (typeof at.value === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(at.value)) return { relation: at.value, source: sourceOf(at) };
  report({
    ctx,
    code: "VX321",
    message: "x-vx-relation must name a to-many relation of the bound model (a string such as `favoritedBy`)",
    at,
    help: "write `x-vx-relation: favoritedBy`, the Prisma relation field the operation connects the caller (or the path's record) to",
  });
  return undefined;
}

/** `x-vx-scope` of the operation: `{ relation, callerIn? }` naming relations (checked by the binder), or VX332 at it. */
function readScopeHint({ ctx, cursor }: { ctx: ReadContext; cursor: Cursor }): Operation["scopeHint"] {
  const at = childCursor({ cursor, segments: ["x-vx-scope"] });
  if (at.value === undefined) return undefined;
  const value = at.value;
  const name = /^[A-Za-z_][A-Za-z0-9_]*$/;
  const keys = isRecord(value) ? Object.keys(value) : [];
  const { relation, callerIn } = isRecord(value) ? value : {};
  if (typeof relation === "string" && name.test(relation) && (callerIn === undefined || (typeof callerIn === "string" && name.test(callerIn))) && keys.every((k) => k === "relation" || k === "callerIn")) {
    return { relation, ...(typeof callerIn === "string" ? { callerIn } : {}), source: sourceOf(at) };
  }
  report({
    ctx,
    code: "VX332",
    message: "x-vx-scope must be an object naming a relation of the bound model, `relation`, and optionally `callerIn`, a relation of the related model",
    at,
    help: "write `x-vx-scope: { relation: author }` (the caller's own records), `{ relation: favoritedBy }`, or `{ relation: author, callerIn: followers }` (a feed)",
  });
  return undefined;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;
}

/** Dereferenced entries of a `parameters` list. */
export function parameterCursors({ ctx, cursor: at }: { ctx: ReadContext; cursor: Cursor }): Cursor[] {
  const cursor = derefCursor({ ctx, cursor: at });
  if (!cursor || !Array.isArray(cursor.value)) return [];
  const result: Cursor[] = [];
  for (let i = 0; i < cursor.value.length; i++) {
    const at = derefCursor({ ctx, cursor: childCursor({ cursor, segments: [i] }) });
    if (at && isRecord(at.value)) result.push(at);
  }
  return result;
}

/**
 * Reads one operation (already dereferenced: `cursor` is where it really is). Parameters are the path item's with
 * the operation's own replacing those of the same name and location; the operation id is left empty when the spec
 * has none (`assignOperationIds` synthesises it).
 */
export function readOperation({ ctx, cursor, method, path, scope }: { ctx: ReadContext; cursor: Cursor; method: HttpMethod; path: string; scope: OperationScope }): Operation {
  const op = isRecord(cursor.value) ? cursor.value : {};
  const own = parameterCursors({ ctx, cursor: childCursor({ cursor, segments: ["parameters"] }) });
  const keyOf = (p: Cursor) => {
    const v = p.value as Record<string, unknown>;
    return `${String(v.in)}:${String(v.name)}`;
  };
  const ownByKey = new Map(own.map((p) => [keyOf(p), p]));
  const merged: Cursor[] = [];
  const used = new Set<string>();
  for (const p of scope.pathParameters) {
    const key = keyOf(p);
    merged.push(ownByKey.get(key) ?? p);
    used.add(key);
  }
  for (const p of own) if (!used.has(keyOf(p))) merged.push(p);

  const parameters: Parameter[] = [];
  for (const p of merged) {
    const key = cursorKey(p);
    let parameter = ctx.parameterCache.get(key);
    if (ctx.parameterCache.has(key)) recordHit({ ctx, cache: "parameter", key, value: parameter });
    else {
      const parent = openEntry(ctx);
      parameter = readParameter({ ctx, cursor: p });
      closeEntry({ ctx, parent, cache: "parameter", key, value: parameter, cached: true });
      ctx.parameterCache.set(key, parameter);
    }
    if (parameter) parameters.push(parameter);
  }

  let requestBody: RequestBody | undefined;
  let produces: string[] = [];
  if (ctx.version === "2.0") {
    const consumes = stringList(op.consumes) ?? stringList(rootMember({ ctx, name: "consumes" })) ?? ["application/json"];
    produces = stringList(op.produces) ?? stringList(rootMember({ ctx, name: "produces" })) ?? ["application/json"];
    requestBody = readSwaggerRequestBody({ ctx, parameters: merged, consumes: consumes.length > 0 ? consumes : ["application/json"] });
    if (produces.length === 0) produces = ["application/json"];
  } else if (op.requestBody !== undefined) {
    requestBody = readRequestBody({ ctx, cursor: childCursor({ cursor, segments: ["requestBody"] }) });
  }

  const securityCursor: Cursor =
    op.security !== undefined ? childCursor({ cursor, segments: ["security"] }) : { file: ctx.root, pointer: "/security", value: rootMember({ ctx, name: "security" }) };

  const operation: Operation = {
    kind: "operation",
    operationId: typeof op.operationId === "string" && op.operationId.trim() !== "" ? op.operationId : "",
    operationIdSynthesized: false,
    method,
    path,
    tags: stringList(op.tags) ?? [],
    deprecated: op.deprecated === true,
    parameters,
    responses: readResponses({ ctx, cursor: childCursor({ cursor, segments: ["responses"] }), produces }),
    security: readSecurityRequirements({ ctx, cursor: securityCursor, defined: scope.securitySchemes }),
    callbacks: ctx.version === "2.0" ? [] : readCallbacks({ ctx, cursor: childCursor({ cursor, segments: ["callbacks"] }), scope }),
    binding: { kind: "unbound", reason: "not bound yet" },
    source: sourceOf(cursor),
  };
  if (requestBody) operation.requestBody = requestBody;
  if (typeof op.summary === "string") operation.summary = op.summary;
  if (typeof op.description === "string") operation.description = op.description;
  if (typeof op["x-vx-model"] === "string") operation.modelHint = op["x-vx-model"];
  const access = readOperationAccess({ ctx, cursor, method, path, security: operation.security });
  if (access.roles) operation.roles = access.roles;
  if (access.ipAllow) operation.ipAllow = access.ipAllow;
  const rateLimit = readRateLimit({ ctx, cursor, method, path, security: operation.security });
  if (rateLimit) operation.rateLimit = rateLimit;
  const cacheControl = readOperationCacheControl({ ctx, cursor, method, path, security: operation.security });
  if (cacheControl) operation.cacheControl = cacheControl;
  if (readAudit({ ctx, cursor, method, path })) operation.audit = true;
  const ownerHint = readOwnerHint({ ctx, cursor, scope });
  if (ownerHint) operation.ownerHint = ownerHint;
  const envelopeHint = readEnvelopeHint({ ctx, cursor });
  if (envelopeHint) operation.envelopeHint = envelopeHint;
  const relationHint = readRelationHint({ ctx, cursor });
  if (relationHint) operation.relationHint = relationHint;
  const scopeHint = readScopeHint({ ctx, cursor });
  if (scopeHint) operation.scopeHint = scopeHint;
  return operation;
}

/** The operations of a path item (dereferenced), in method order. */
export function readPathItem({ ctx, cursor, path, securitySchemes }: { ctx: ReadContext; cursor: Cursor; path: string; securitySchemes: ReadonlySet<string> }): Operation[] {
  const item = derefCursor({ ctx, cursor });
  if (!item || !isRecord(item.value)) return [];
  const owner = childCursor({ cursor: item, segments: ["x-vx-owner"] });
  const scope: OperationScope = {
    pathParameters: parameterCursors({ ctx, cursor: childCursor({ cursor: item, segments: ["parameters"] }) }),
    securitySchemes,
    ...(owner.value === undefined ? {} : { owner }),
  };
  const operations: Operation[] = [];
  for (const method of httpMethods) {
    if (item.value[method] === undefined) continue;
    const written = childCursor({ cursor: item, segments: [method] });
    if (refOf(written.value) !== undefined) {
      ctx.referencedOperations.push(written);
      ctx.recording?.events.push({ kind: "referencedOperation", fileKey: written.file.key, pointer: written.pointer });
    }
    const at = derefCursor({ ctx, cursor: written });
    if (!at || !isRecord(at.value)) continue;
    operations.push(readOperation({ ctx, cursor: at, method, path, scope }));
  }
  return operations;
}

function readCallbacks({ ctx, cursor: at, scope }: { ctx: ReadContext; cursor: Cursor; scope: OperationScope }): Callback[] {
  const cursor = derefCursor({ ctx, cursor: at });
  if (!cursor || !isRecord(cursor.value)) return [];
  const callbacks: Callback[] = [];
  for (const name of Object.keys(cursor.value).sort()) {
    const at = derefCursor({ ctx, cursor: childCursor({ cursor, segments: [name] }) });
    if (!at || !isRecord(at.value)) continue;
    for (const expression of Object.keys(at.value).sort()) {
      if (expression.startsWith("x-")) continue;
      const itemCursor = childCursor({ cursor: at, segments: [expression] });
      callbacks.push({
        kind: "callback",
        name,
        expression,
        operations: readPathItem({ ctx, cursor: itemCursor, path: expression, securitySchemes: scope.securitySchemes }),
        source: sourceOf(itemCursor),
      });
    }
  }
  return callbacks;
}
