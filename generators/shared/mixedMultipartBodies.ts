import type { Diagnostic } from "../../src/ir/types.js";
import { createDiagnostic } from "../../src/diagnostics/createDiagnostic.js";
import { isMultipartMediaType, type OperationView } from "./operationView.js";

/**
 * VX136 for every operation whose body is read as JSON or a urlencoded form although it also takes
 * `multipart/form-data`: its types and validator follow the first, so a multipart request (its file parts
 * `UploadedFile`s, not strings) is answered 400.
 */
export function mixedMultipartBodies(views: readonly OperationView[]): Diagnostic[] {
  return views.flatMap((view) => {
    const body = view.body;
    if (body === undefined || body.isMultipart || !view.op.requestBody?.content.some((c) => isMultipartMediaType(c.mediaType))) return [];
    return [
      createDiagnostic({
        code: "VX136",
        message: `${view.op.operationId} takes ${body.mediaType} and multipart/form-data: its body is typed and checked as ${body.mediaType}, so a multipart request is refused (400)`,
        location: { file: view.op.source.file, pointer: `${view.op.source.pointer}/requestBody/content` },
        help: "give the upload an operation of its own, taking multipart/form-data only",
      }),
    ];
  });
}
