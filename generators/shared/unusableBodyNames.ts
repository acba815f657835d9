import type { Diagnostic, NamedSchema } from "../../src/ir/types.js";
import { objectProperties } from "../../src/binding/schemaLookup.js";
import { createDiagnostic } from "../../src/diagnostics/createDiagnostic.js";
import type { OperationView } from "./operationView.js";

/**
 * VX403 for every JSON request body with a property named `__proto__`: every target's JSON body parser refuses a body
 * with that key (protection against prototype poisoning), so a request sending it is answered 400.
 */
export function unusableBodyNames({ views, schemas }: { views: readonly OperationView[]; schemas: Map<string, NamedSchema> }): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const view of views) {
    if (!view.body?.isJson || !view.body.schema) continue;
    const properties = objectProperties({ node: view.body.schema, schemas }) ?? [];
    if (!properties.some((p) => p.name === "__proto__")) continue;
    diagnostics.push(
      createDiagnostic({
        code: "VX403",
        message: `the request body of ${view.op.operationId} has a property named '__proto__': the generated server refuses JSON bodies with that key (prototype poisoning protection), so a request sending it gets 400`,
        location: { file: view.op.source.file, pointer: `${view.op.source.pointer}/requestBody` },
        help: "rename the property, or make it optional and never send it",
      }),
    );
  }
  return diagnostics;
}
