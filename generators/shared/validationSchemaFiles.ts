import type { JsonValue } from "../../src/ir/types.js";
import type { OperationSchemas, ValidationSchemas } from "./buildValidationSchemas.js";
import { groupViews } from "./groupViews.js";
import { joinPieces } from "./joinPieces.js";
import { memoPiece } from "./memoPiece.js";
import type { OperationView } from "./operationView.js";
import { laidOut, type PrintedText } from "./printedText.js";
import type { RenderRun } from "./renderRun.js";
import type { SourceFile } from "./renderTypes.js";

type JsonObject = { [key: string]: JsonValue };

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Members of the files as printed at their depth, key included: a response view by its object, an operation's runtime part by its schemas. */
const defText = memoPiece({ name: "schemasJsonDef", key: "value", render: ({ name, value }: { name: string; value: object }) => memberText({ key: name, value, depth: 2 }) });
const operationText = memoPiece({
  name: "schemasJsonOperation",
  key: "op",
  render: ({ id, op }: { id: string; op: OperationSchemas }) => memberText({ key: id, value: runtimePart(op), depth: 1 }),
});

/** `"key": value` as `JSON.stringify(_, null, 2)` prints an object member `depth` levels deep. */
function memberText({ key, value, depth }: { key: string; value: unknown; depth: number }): string {
  return `${"  ".repeat(depth)}${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replaceAll("\n", `\n${"  ".repeat(depth)}`)}`;
}

/** An object printed by `JSON.stringify(_, null, 2)` `depth` levels deep, from its members' texts (`memberText` at `depth + 1`). */
function objectText({ slot, members, depth, suffix = "" }: { slot: string; members: string[]; depth: number; suffix?: string }): PrintedText {
  if (members.length === 0) return laidOut(`{}${suffix}`);
  return joinPieces({ slot, parts: members, separator: ",\n", prefix: "{\n", suffix: `\n${"  ".repeat(depth)}}${suffix}`, laidOut: true });
}

/** What a server reads of an operation at run time (its request parts are compiled into validators). */
function runtimePart(op: OperationSchemas): JsonValue {
  return {
    response: op.response,
    ...(op.parameters ? { parameters: op.parameters } : {}),
    ...(op.consumes ? { consumes: op.consumes } : {}),
    ...(op.produces ? { produces: op.produces } : {}),
  };
}

/** The index a server reads first: where the response schemas and each group's operations are (relative to it). */
export interface ValidationSchemaIndex {
  response: string;
  operations: string[];
}

/**
 * The data a generated server validates and serializes with, in `dir`: `responses.json` (every named schema in its
 * response view, `{ $id, $defs }`: changes only when a schema does), `operations/<group>.json` (per operation of the
 * group, by operationId: its response schemas and parameter definitions) and `schemas.json`, the index listing them.
 * Each is the text of `JSON.stringify(_, null, 2)` plus a newline; with `run.reuse` it is joined from each response
 * view's and each operation's text (printed once per object, not every run), so an unchanged file is the previous
 * run's printed text (the same object). Printed by `JSON.stringify`: laid out, prettier is not run over them.
 */
export function validationSchemaFiles({ schemas, views, dir, run }: { schemas: ValidationSchemas; views: readonly OperationView[]; dir: string; run: RenderRun }): SourceFile[] {
  const groups = groupViews(views).map(({ group, views: members }) => ({
    path: `${dir}/operations/${group.file}.json`,
    ids: members.map((view) => view.op.operationId).filter((id) => Object.hasOwn(schemas.operations, id)),
  }));
  const index: ValidationSchemaIndex = { response: "responses.json", operations: groups.map(({ path }) => path.slice(dir.length + 1)) };
  const files: SourceFile[] = [{ path: `${dir}/schemas.json`, content: laidOut(`${JSON.stringify(index, null, 2)}\n`) }];
  const response = schemas.response;
  const defs = isObject(response) && isObject(response.$defs) ? response.$defs : undefined;
  const responsePath = `${dir}/${index.response}`;
  if (!run.reuse || !isObject(response) || !defs || typeof response.$id !== "string" || Object.keys(response).join("\0") !== "$id\0$defs") {
    files.push({ path: responsePath, content: laidOut(`${JSON.stringify(response, null, 2)}\n`) });
    for (const { path, ids } of groups) {
      files.push({ path, content: laidOut(`${JSON.stringify(Object.fromEntries(ids.map((id) => [id, runtimePart(schemas.operations[id] as OperationSchemas)])), null, 2)}\n`) });
    }
    return files;
  }
  const defMembers = Object.keys(defs).map((name) => {
    const value = defs[name] as JsonValue;
    return typeof value === "object" && value !== null
      ? defText({ inputs: { name, value }, run })
      : memberText({ key: name, value, depth: 2 });
  });
  const responseSlot = `validationSchemas:${responsePath}`;
  const responseText = joinPieces({
    slot: responseSlot,
    parts: [objectText({ slot: `${responseSlot}:defs`, members: defMembers, depth: 1 }).text],
    separator: "",
    prefix: `{\n  "$id": ${JSON.stringify(response.$id)},\n  "$defs": `,
    suffix: "\n}\n",
    laidOut: true,
  });
  files.push({ path: responsePath, content: responseText });
  for (const { path, ids } of groups) {
    const members = ids.map((id) => {
      const op = schemas.operations[id] as OperationSchemas;
      return operationText({ inputs: { id, op }, run });
    });
    files.push({ path, content: objectText({ slot: `validationSchemas:${path}`, members, depth: 0, suffix: "\n" }) });
  }
  return files;
}
