import type { ApiModel, Diagnostic, Operation, Webhook } from "../../ir/types.js";
import { createDiagnostic } from "../../diagnostics/createDiagnostic.js";
import { assignOperationIds } from "./assignOperationIds.js";
import { checkPathParameters } from "./checkPathParameters.js";
import { isRecord } from "./jsonPointer.js";
import { childCursor, createReadContext, sourceOf, type SpecVersion } from "./ReadContext.js";
import { httpMethods, readPathItem } from "./readOperation.js";
import { readHoistedSchemas, readNamedSchemas, registerComponentSchemas } from "./readNamedSchemas.js";
import { readSecuritySchemes } from "./readSecurity.js";
import { readServers } from "./readServers.js";
import type { Cursor, SpecFile } from "./SpecFile.js";

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

  const operations: Operation[] = [];
  const paths = childCursor({ cursor: rootCursor, segments: ["paths"] });
  if (isRecord(paths.value)) {
    for (const template of Object.keys(paths.value)) {
      if (template.startsWith("x-")) continue;
      operations.push(...readPathItem({ ctx, cursor: childCursor({ cursor: paths, segments: [template] }), path: template, securitySchemes: schemeNames }));
    }
  }
  operations.sort(compareOperations);

  const webhooks: Webhook[] = [];
  const webhookSection = childCursor({ cursor: rootCursor, segments: ["webhooks"] });
  if (isRecord(webhookSection.value)) {
    for (const name of Object.keys(webhookSection.value).sort()) {
      const at = childCursor({ cursor: webhookSection, segments: [name] });
      webhooks.push({ kind: "webhook", name, operations: readPathItem({ ctx, cursor: at, path: name, securitySchemes: schemeNames }), source: sourceOf(at) });
    }
  }

  const webhookOperations = webhooks.flatMap((w) => w.operations);
  const callbackOperations = [...operations, ...webhookOperations].flatMap((o) => o.callbacks.flatMap((c) => c.operations.map((op) => ({ op, name: c.name }))));
  const callbackNames = new Map(callbackOperations.map(({ op, name }) => [op, name]));
  const webhookNames = new Map(webhooks.flatMap((w) => w.operations.map((op) => [op, w.name] as const)));
  diagnostics.push(
    ...assignOperationIds({
      operations: [...operations, ...webhookOperations, ...callbackOperations.map((c) => c.op)],
      pathForId: (op) => {
        const name = webhookNames.get(op) ?? callbackNames.get(op);
        return name === undefined ? op.path : `/${name}`;
      },
    }),
  );
  for (const operation of operations) diagnostics.push(...checkPathParameters({ operation }));

  const referenced = ctx.referencedOperations[0];
  if (referenced) {
    const count = ctx.referencedOperations.length;
    diagnostics.push(
      createDiagnostic({
        code: "VX103",
        severity: "warning",
        message: `${count} operation${count === 1 ? " is" : "s are"} written as a $ref; OpenAPI ${version} allows no Reference Object in place of an Operation Object (read anyway)`,
        location: { file: referenced.file.file, pointer: referenced.pointer },
        help: "reference the whole path item instead, or bundle the spec",
      }),
    );
  }
  schemas.push(...readHoistedSchemas({ ctx }));
  schemas.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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
    schemas,
    securitySchemes,
    webhooks,
  };
  return api;
}
