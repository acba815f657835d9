import type { Binding, Diagnostic, Model, NamedSchema, ObjectProperty, Operation, RelationField } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import { squashName } from "../naming/caseConversion.js";
import { requestRecordSchema, responseRecordSchema } from "./envelopeNodes.js";
import { derivedDefaultOf, isReadOnlyProperty, objectProperties } from "./schemaLookup.js";

type Bound = Extract<Binding, { kind: "bound" }>;

/** Whether only authenticated callers reach the operation (a security requirement, no anonymous alternative). */
function authenticatedOnly(op: Operation): boolean {
  return op.security.length > 0 && op.security.every((alternative) => alternative.schemes.length > 0);
}

/** Whether a property is marked `x-vx-default: caller`. */
function markedCaller({ property, schemas }: { property: ObjectProperty; schemas: Map<string, NamedSchema> }): boolean {
  const mark = derivedDefaultOf({ property, schemas });
  return mark !== undefined && "caller" in mark;
}

/** The relation to the user model a property marked `x-vx-default: caller` stands for (by its name or its column's), or the problem. */
function markedRelation({ op, model, property, sent, userModel, schemas }: { op: Operation; model: Model; property: ObjectProperty; sent: readonly ObjectProperty[]; userModel: string | undefined; schemas: Map<string, NamedSchema> }): RelationField | string {
  const name = squashName(property.name);
  const relation = model.fields.find((f): f is RelationField => f.kind === "relation" && (squashName(f.name) === name || (f.fromFields.length === 1 && squashName(f.fromFields[0] ?? "") === name)));
  const what = `x-vx-default: caller on '${property.name}' of ${op.method.toUpperCase()} ${op.path}`;
  if (userModel === undefined) return `${what}: the project has no accounts (mark the user schema \`x-vx-auth: user\`)`;
  if (!relation || relation.isList || relation.type !== userModel || relation.fromFields.length !== 1) return `${what} names no to-one relation of ${model.name} to the user model ${userModel} on one column`;
  if (!authenticatedOnly(op)) return `${what}: anyone may call the operation, so there may be no caller`;
  if (sent.includes(property) && !isReadOnlyProperty({ property, schemas })) return `${what}: mark it readOnly too, so that no client sends it`;
  return relation;
}

/**
 * A create's foreign key to the user model that the caller fills (`Article.authorId` of `author User`): a property of
 * the request or response record marked `x-vx-default: caller` (its relation's or column's name; readOnly in the
 * request), else a required to-one relation of the bound model to the accounts' user model on one column, which the
 * request body supplies neither by the column (`authorId`) nor by the relation (`author`; readOnly properties are not
 * supplied), on an operation only authenticated callers reach. One such relation, else none (two are ambiguous: the
 * create stays the user's to write, as VX306 says). A mark that cannot be honoured is VX333.
 */
export function bindCallerColumn({ op, binding, model, schemas, userModel, diagnostics }: { op: Operation; binding: Binding; model: Model | undefined; schemas: Map<string, NamedSchema>; userModel: string | undefined; diagnostics: Diagnostic[] }): Binding {
  if (binding.kind !== "bound" || binding.action !== "create" || !model || binding.owner) return binding;
  const body = requestRecordSchema({ op, envelope: binding.requestEnvelope, schemas });
  const properties = body ? (objectProperties({ node: body, schemas }) ?? []) : [];
  const response = responseRecordSchema({ op, envelope: binding.responseEnvelope, list: false, schemas });
  const marked = [...properties, ...(response ? (objectProperties({ node: response, schemas }) ?? []) : [])].find((p) => markedCaller({ property: p, schemas }));
  if (marked) {
    const relation = markedRelation({ op, model, property: marked, sent: properties, userModel, schemas });
    if (typeof relation !== "string") return { ...binding, callerColumn: { field: relation.fromFields[0] ?? "", relation: relation.name } };
    diagnostics.push(createDiagnostic({ code: "VX333", message: relation, location: { file: marked.schema.source.file, pointer: marked.schema.source.pointer }, help: "put `x-vx-default: caller` on a readOnly property named after a to-one relation to the user model or its column (`author`, `authorId`), on an operation that needs a signed-in caller" }));
    return binding;
  }
  if (userModel === undefined || !authenticatedOnly(op)) return binding;
  const sent = new Set(properties.filter((p) => !isReadOnlyProperty({ property: p, schemas })).map((p) => squashName(p.name)));
  const parentRelation = binding.parent?.relationField;
  const candidates = model.fields.filter(
    (f): f is RelationField =>
      f.kind === "relation" && !f.isList && f.isRequired && f.type === userModel && f.fromFields.length === 1 && f.name !== parentRelation && !sent.has(squashName(f.name)) && !sent.has(squashName(f.fromFields[0] ?? "")),
  );
  const [only] = candidates;
  if (candidates.length !== 1 || !only) return binding;
  const bound: Bound = { ...binding, callerColumn: { field: only.fromFields[0] ?? "", relation: only.name } };
  return bound;
}
