import type { ApiModel, Diagnostic, Operation, Webhook } from "../../ir/types.js";
import { createDiagnostic } from "../../diagnostics/createDiagnostic.js";
import { planOperationIds, type AssignedId } from "./assignOperationIds.js";
import { checkPathParameters } from "./checkPathParameters.js";
import { isRecord } from "./jsonPointer.js";
import { childCursor, createReadContext, sourceOf, type SpecVersion } from "./ReadContext.js";
import { httpMethods, readPathItem } from "./readOperation.js";
import { narrowDiscriminatedChildren } from "./narrowDiscriminatedChildren.js";
import { readHoistedSchemas, readNamedSchemas, registerComponentSchemas } from "./readNamedSchemas.js";
import { readSecuritySchemes } from "./readSecurity.js";
import { readServers } from "./readServers.js";
import type { Cursor, SpecFile } from "./SpecFile.js";
import { finalOperation } from "./finalOperation.js";
import { memoizedUnit, pathItemUnits } from "./readerMemo.js";

/** Webhooks of earlier runs by their operations as read, so an unchanged webhook is the very same object. */
const webhookCopies = new WeakMap<Operation[], { name: string; pointer: string; file: string; operations: Operation[]; result: Webhook }>();

function finalWebhook({ name, operations, at, assigned }: { name: string; operations: Operation[]; at: Cursor; assigned: ReadonlyMap<Operation, AssignedId> }): Webhook {
  const finals = operations.map((operation) => finalOperation({ operation, assigned }));
  const kept = webhookCopies.get(operations);
  if (kept && kept.name === name && kept.pointer === at.pointer && kept.file === at.file.file && kept.operations.every((op, i) => op === finals[i]) && kept.operations.length === finals.length) return kept.result;
  const result: Webhook = { kind: "webhook", name, operations: finals, source: sourceOf(at) };
  webhookCopies.set(operations, { name, pointer: at.pointer, file: at.file.file, operations: finals, result });
  return result;
}

/** Path-item diagnostics of earlier runs by operation (the operation is the same object when nothing about it changed). */
const pathParameterDiagnostics = new WeakMap<Operation, Diagnostic[]>();

const methodRank = new Map(httpMethods.map((m, i) => [m, i]));

function compareOperations(a: Operation, b: Operation): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return (methodRank.get(a.method) ?? 0) - (methodRank.get(b.method) ?? 0);
}

/** The IR of a loaded document: named schemas, operations (sorted by path and method), webhooks, security, servers. */
export function buildApiModel({
  root,
  files,
  allFiles,
  version,
  written,
  diagnostics,
}: {
  root: SpecFile;
  files: ReadonlyMap<string, SpecFile>;
  allFiles: SpecFile[];
  version: SpecVersion;
  written: string;
  diagnostics: Diagnostic[];
}): ApiModel {
  const ctx = createReadContext({ files, root, version });
  const rootCursor: Cursor = { file: root, pointer: "", value: root.value };
  const doc = isRecord(root.value) ? root.value : {};

  const components = registerComponentSchemas({ ctx });
  const schemas = readNamedSchemas({ ctx, components });
  const securitySchemes = readSecuritySchemes({ ctx });
  const schemeNames = new Set(securitySchemes.map((s) => s.name));

  // Path items are read through the memo: an unchanged one gives the very same operations (as read) as last run.
  const schemesKey = [...schemeNames].sort().join("\n");
  const readItem = (cursor: Cursor, path: string): Operation[] =>
    memoizedUnit({ ctx, units: pathItemUnits, cursor, extra: `${path}\n${schemesKey}`, read: () => readPathItem({ ctx, cursor, path, securitySchemes: schemeNames }) });

  const asRead: Operation[] = [];
  const paths = childCursor({ cursor: rootCursor, segments: ["paths"] });
  if (isRecord(paths.value)) {
    for (const template of Object.keys(paths.value)) {
      if (template.startsWith("x-")) continue;
      for (const operation of readItem(childCursor({ cursor: paths, segments: [template] }), template)) asRead.push(operation);
    }
  }
  asRead.sort(compareOperations);

  const readWebhooks: { name: string; at: Cursor; operations: Operation[] }[] = [];
  const webhookSection = childCursor({ cursor: rootCursor, segments: ["webhooks"] });
  if (isRecord(webhookSection.value)) {
    for (const name of Object.keys(webhookSection.value).sort()) {
      const at = childCursor({ cursor: webhookSection, segments: [name] });
      readWebhooks.push({ name, at, operations: readItem(at, name) });
    }
  }

  // Operations as read are never changed (the memo hands them to the next run): ids are planned, then applied to copies.
  const webhookOperations = readWebhooks.flatMap((w) => w.operations);
  const callbackOperations = [...asRead, ...webhookOperations].flatMap((o) => o.callbacks.flatMap((c) => c.operations.map((op) => ({ op, name: c.name }))));
  const callbackNames = new Map(callbackOperations.map(({ op, name }) => [op, name]));
  const webhookNames = new Map(readWebhooks.flatMap((w) => w.operations.map((op) => [op, w.name] as const)));
  const planned = planOperationIds({
    operations: [...asRead, ...webhookOperations, ...callbackOperations.map((c) => c.op)],
    pathForId: (op) => {
      const name = webhookNames.get(op) ?? callbackNames.get(op);
      return name === undefined ? op.path : `/${name}`;
    },
  });
  diagnostics.push(...planned.diagnostics);
  const operations = asRead.map((operation) => finalOperation({ operation, assigned: planned.assigned }));
  const webhooks = readWebhooks.map(({ name, at, operations }) => finalWebhook({ name, operations, at, assigned: planned.assigned }));
  for (const operation of operations) {
    let found = pathParameterDiagnostics.get(operation);
    if (!found) {
      found = checkPathParameters({ operation });
      pathParameterDiagnostics.set(operation, found);
    }
    // Copies: the caller fills in line and column by replacing `location`.
    for (const diagnostic of found) diagnostics.push({ ...diagnostic });
  }

  const referenced = ctx.referencedOperations[0];
  if (referenced) {
    const count = ctx.referencedOperations.length;
    diagnostics.push(
      createDiagnostic({
        code: "VX121",
        message: `${count} operation${count === 1 ? " is" : "s are"} written as a $ref; OpenAPI ${version} allows no Reference Object in place of an Operation Object (vx-gen reads past it: each $ref is followed to its operation)`,
        location: { file: referenced.file.file, pointer: referenced.pointer },
        help: "reference the whole path item instead, or bundle the spec",
      }),
    );
  }
  schemas.push(...readHoistedSchemas({ ctx }));
  schemas.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const finalSchemas = narrowDiscriminatedChildren({ schemas });
  diagnostics.push(...ctx.diagnostics);

  const info = isRecord(doc.info) ? doc.info : {};
  const api: ApiModel = {
    kind: "api",
    file: root.file,
    files: allFiles.map((f) => f.file),
    specVersion: written,
    info: {
      title: typeof info.title === "string" ? info.title : "",
      version: info.version === undefined ? "" : String(info.version),
      ...(typeof info.description === "string" ? { description: info.description } : {}),
    },
    servers: readServers({ ctx }),
    operations,
    schemas: finalSchemas,
    securitySchemes,
    webhooks,
  };
  return api;
}
