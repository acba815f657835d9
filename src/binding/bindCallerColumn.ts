import type { Binding, Model, NamedSchema, Operation, RelationField } from "../ir/types.js";
import { squashName } from "../naming/caseConversion.js";
import { requestRecordSchema } from "./envelopeNodes.js";
import { objectProperties } from "./schemaLookup.js";

type Bound = Extract<Binding, { kind: "bound" }>;

/** Whether only authenticated callers reach the operation (a security requirement, no anonymous alternative). */
function authenticatedOnly(op: Operation): boolean {
  return op.security.length > 0 && op.security.every((alternative) => alternative.schemes.length > 0);
}

/**
 * A create's foreign key to the user model that the caller fills (`Article.authorId` of `author User`): a required
 * to-one relation of the bound model to the accounts' user model on one column, which the request body supplies
 * neither by the column (`authorId`) nor by the relation (`author`), on an operation only authenticated callers
 * reach. One such relation, else none (two are ambiguous: the create stays the user's to write, as VX306 says).
 */
export function bindCallerColumn({ op, binding, model, schemas, userModel }: { op: Operation; binding: Binding; model: Model | undefined; schemas: Map<string, NamedSchema>; userModel: string | undefined }): Binding {
  if (binding.kind !== "bound" || binding.action !== "create" || !model || userModel === undefined || binding.owner || !authenticatedOnly(op)) return binding;
  const body = requestRecordSchema({ op, envelope: binding.requestEnvelope, schemas });
  const sent = new Set((body ? (objectProperties({ node: body, schemas }) ?? []) : []).map((p) => squashName(p.name)));
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
