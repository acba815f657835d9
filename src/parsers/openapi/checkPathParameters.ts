import type { Diagnostic, Operation } from "../../ir/types.js";
import { createDiagnostic } from "../../diagnostics/createDiagnostic.js";

/** Names in a path template: `/pets/{petId}` -> `petId`. */
export function pathTemplateNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
}

/** VX109 for a template variable with no path parameter, VX110 for a path parameter the template does not use. */
export function checkPathParameters({ operation }: { operation: Operation }): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const names = pathTemplateNames(operation.path);
  const declared = operation.parameters.filter((p) => p.in === "path");
  for (const name of names) {
    if (declared.some((p) => p.name === name)) continue;
    diagnostics.push(
      createDiagnostic({
        code: "VX109",
        message: `${operation.method.toUpperCase()} ${operation.path}: path parameter "${name}" is not declared`,
        location: { file: operation.source.file, pointer: operation.source.pointer },
        help: `add a parameter with "name: ${name}" and "in: path"`,
      }),
    );
  }
  for (const parameter of declared) {
    if (names.includes(parameter.name)) continue;
    diagnostics.push(
      createDiagnostic({
        code: "VX110",
        message: `${operation.method.toUpperCase()} ${operation.path}: path parameter "${parameter.name}" does not appear in the path`,
        location: { file: parameter.source.file, pointer: parameter.source.pointer },
      }),
    );
  }
  return diagnostics;
}
