import { jsonModule } from "./jsonModule.js";
import type { DraftFile } from "./finishFiles.js";
import { laidOut, textOf } from "./printedText.js";
import { projectLayout } from "./projectLayout.js";

/**
 * The JSON the server needs as modules it imports (see `jsonModule`), made from the JSON files already drafted: the
 * OpenAPI document (served at /openapi.json and /docs) and the response schemas (the serializer's).
 */
export function dataModules({ drafts, validationDir }: { drafts: readonly DraftFile[]; validationDir: string }): DraftFile[] {
  const text = (path: string): string => {
    const draft = drafts.find((d) => d.path === path);
    if (draft === undefined) throw new Error(`${path} was not rendered`);
    return draft.bytes === undefined ? textOf(draft.content) : draft.bytes.toString("utf8");
  };
  const document = jsonModule({
    name: "openapiDocument",
    type: "unknown",
    doc: `The OpenAPI document (${projectLayout.openApiDocument}), served at /openapi.json and /docs.`,
    json: text(projectLayout.openApiDocument),
  });
  const responses = jsonModule({
    name: "responseSchemas",
    type: "{ $id: string; $defs: Record<string, unknown> }",
    doc: `Every response schema (${validationDir}/responses.json): the serializer sends only documented fields.`,
    json: text(`${validationDir}/responses.json`),
  });
  return [
    { path: projectLayout.openApiDocumentModule, content: laidOut(document), ownership: "generated" },
    { path: projectLayout.responseSchemasModule, content: laidOut(responses), ownership: "generated" },
  ];
}
