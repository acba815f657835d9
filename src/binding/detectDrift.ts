import type {
  ApiModel,
  DbEnum,
  DbModel,
  Diagnostic,
  Model,
  ModelField,
  NamedSchema,
  ObjectProperty,
  SchemaNode,
  Severity,
} from "../ir/types.js";
import { resolveDerivedSlug } from "./derivedSlug.js";
import { squashName } from "../naming/caseConversion.js";
import { findField } from "./findField.js";
import { callerRelation } from "./callerRelation.js";
import { callerToken } from "./callerToken.js";
import { countedRelation } from "./countedRelation.js";
import { connectKey, nestedRelation, type NestedRelation } from "./nestedRelation.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { derefSchema, indexSchemas, objectProperties, schemaName } from "./schemaLookup.js";
import { requestRecordSchema, responseRecordSchema } from "./envelopeNodes.js";

type Direction = "request" | "response";

/** Defaults the database fills by itself: a client never needs to (nor should) send these. */
const generatedDefaults = new Set([
  "autoincrement",
  "uuid",
  "cuid",
  "nanoid",
  "ulid",
  "now",
  "auto",
  "sequence",
  "dbgenerated",
]);

function isDatabaseFilled(field: ModelField): boolean {
  if (field.kind !== "scalar" && field.kind !== "enum") return false;
  return field.isUpdatedAt || (field.default !== undefined && generatedDefaults.has(field.default.kind));
}

/** The primitive kinds of an API schema (after refs; unions of primitives give several). */
function schemaKinds({ node, schemas }: { node: SchemaNode; schemas: Map<string, NamedSchema> }): Set<string> {
  const resolved = derefSchema({ node, schemas });
  if (resolved.kind === "union") {
    const kinds = new Set<string>();
    for (const member of resolved.members) for (const kind of schemaKinds({ node: member, schemas })) kinds.add(kind);
    return kinds;
  }
  if (resolved.kind === "enum") return new Set([resolved.baseType === "mixed" ? "unknown" : resolved.baseType]);
  if (resolved.kind === "const")
    return new Set([typeof resolved.value === "object" ? "unknown" : typeof resolved.value]);
  if (resolved.kind === "intersection" || resolved.kind === "ref") return new Set(["object"]);
  return new Set([resolved.kind]);
}

/** API kinds each Prisma scalar type accepts without loss. */
const compatibleKinds: Record<string, string[]> = {
  String: ["string"],
  Boolean: ["boolean"],
  Int: ["integer"],
  BigInt: ["integer", "string"],
  Float: ["number", "integer"],
  Decimal: ["number", "string"],
  DateTime: ["string"],
  Json: ["object", "array", "string", "number", "integer", "boolean", "null", "unknown", "intersection", "union"],
  Bytes: ["string"],
};

function isNullable({ node, schemas }: { node: SchemaNode; schemas: Map<string, NamedSchema> }): boolean {
  if (node.nullable) return true;
  const resolved = derefSchema({ node, schemas });
  if (resolved.nullable || resolved.kind === "null") return true;
  return resolved.kind === "union" && resolved.members.some((m) => isNullable({ node: m, schemas }));
}

interface DriftContext {
  schemas: Map<string, NamedSchema>;
  enums: Map<string, DbEnum>;
  models: ReadonlyMap<string, Model>;
  diagnostics: Diagnostic[];
  /** (code, schema pointer, field) already reported: a schema shared by many operations is reported once. */
  seen: Set<string>;
  /** The accounts' user model: callers are its records (flags such as `favorited`). */
  userModel: string | undefined;
}

function report({
  ctx,
  code,
  message,
  node,
  field,
  model,
  help,
  severity,
}: {
  ctx: DriftContext;
  code: DiagnosticCode;
  message: string;
  node: { source: { file: string; pointer: string } };
  field?: ModelField;
  model: Model;
  help?: string;
  severity?: Severity;
}): void {
  const key = `${code}|${node.source.file}#${node.source.pointer}|${model.name}.${field?.name ?? ""}`;
  if (ctx.seen.has(key)) return;
  ctx.seen.add(key);
  const target = field?.source ?? model.source;
  ctx.diagnostics.push(
    createDiagnostic({
      code,
      message,
      location: { file: node.source.file, pointer: node.source.pointer },
      related: [
        {
          message: field ? `${model.name}.${field.name} is declared here` : `model ${model.name} is declared here`,
          location: { file: target.file, line: target.line, column: target.column },
        },
      ],
      ...(help ? { help } : {}),
      ...(severity ? { severity } : {}),
    }),
  );
}

/**
 * A property standing for a to-one relation's record (`author: { id, name }`): its properties are checked against the
 * related model's columns (one level: a nested object inside it is not followed). In a request it connects by the key
 * the relation references (`author: { id }`): that property must be there (VX326), and is not a database-filled field
 * the client should not send (no VX308).
 */
function checkNested({ ctx, model, property, nested, direction }: { ctx: DriftContext; model: Model; property: ObjectProperty; nested: Extract<NestedRelation, { ok: true }>; direction: Direction }): void {
  const { relation, related, node } = nested;
  if (direction === "response" && !relation.isRequired && property.required && !nested.nullable && !isNullable({ node: property.schema, schemas: ctx.schemas })) {
    report({
      ctx,
      code: "VX303",
      message: `${model.name}.${relation.name} is optional but the required property '${property.name}' is not nullable; a ${model.name} without one cannot be returned`,
      node: property.schema,
      field: relation,
      model,
      help: "mark the property nullable, make it optional, or make the relation required",
    });
  }
  if (direction === "request" && !connectKey({ nested, schemas: ctx.schemas })) {
    const field = relation.toFields.length === 1 ? relation.toFields[0] : undefined;
    report({
      ctx,
      code: "VX326",
      message:
        relation.fromFields.length === 1 && field !== undefined
          ? `request property '${property.name}' stands for ${model.name}.${relation.name} but has no required, writable '${field}' (the ${related.name} key the relation references) to connect by; it is not written`
          : `request property '${property.name}' stands for ${model.name}.${relation.name}, which this side cannot connect by one key; it is not written`,
      node: property.schema,
      field: relation,
      model,
      help: `give the object a required '${field ?? "id"}' property (\`${property.name}: { ${field ?? "id"}: ... }\`), or send the foreign key as a column`,
    });
    return;
  }
  const properties = objectProperties({ node, schemas: ctx.schemas }) ?? [];
  for (const inner of properties) checkProperty({ ctx, model: related, property: inner, direction, depth: 1 });
}

function checkProperty({
  ctx,
  model,
  property,
  direction,
  depth = 0,
}: {
  ctx: DriftContext;
  model: Model;
  property: ObjectProperty;
  direction: Direction;
  /** 1 inside a nested record: its own nested objects are not followed, and a request's key is not database-filled drift. */
  depth?: number;
}): void {
  const { schemas } = ctx;
  const node = property.schema;
  const nested = nestedRelation({ model, property, models: ctx.models, schemas });
  if (nested && !nested.ok) {
    report({ ctx, code: nested.code, message: nested.problem, node, model, help: nested.help });
    return;
  }
  if (nested) {
    if (depth === 0) checkNested({ ctx, model, property, nested, direction });
    return;
  }
  // A count computed in the record's query (`commentsCount`): no column, never written.
  const counted = countedRelation({ model, property, schemas });
  if (counted?.ok === false) {
    report({ ctx, code: "VX316", message: counted.problem, node, model, help: "name a to-many relation of the model in `x-vx-computed: { count: <relation> }` on an integer property" });
    return;
  }
  if (counted) return;
  // Whether the caller is in a relation (`favorited`): no column, never written.
  const flag = callerRelation({ model, property, schemas, userModel: ctx.userModel });
  if (flag?.ok === false) {
    report({ ctx, code: "VX320", message: flag.problem, node, model, help: "name a to-many relation of the model to the user model in `x-vx-computed: { callerIn: <relation> }` on a boolean property" });
    return;
  }
  if (flag) return;
  // The caller's access token (`user.token`): answered, never stored.
  if (direction === "response" && callerToken({ model, property, schemas, userModel: ctx.userModel })) return;
  const field = findField({ model, property: property.name });
  if (!field) {
    report({
      ctx,
      code: "VX307",
      message: `property '${property.name}' has no column in model ${model.name}`,
      node,
      model,
      help: "add the field to the model, count a to-many relation with `x-vx-computed: { count: <relation> }`, or compute the property in a custom handler",
    });
    return;
  }
  if (field.kind === "relation" || field.kind === "composite") return;

  const resolved = derefSchema({ node, schemas });
  const kinds = schemaKinds({ node, schemas });
  const fieldType = field.kind === "enum" ? "enum" : field.type;
  if (field.isList) {
    if (!kinds.has("array")) {
      report({
        ctx,
        code: "VX302",
        message: `property '${property.name}' is ${[...kinds].join("|")} but ${model.name}.${field.name} is a list (${fieldType}[])`,
        node,
        field,
        model,
      });
    }
    return;
  }

  if (field.kind === "enum") {
    const dbEnum = ctx.enums.get(field.type);
    if (resolved.kind === "enum" && dbEnum) {
      const apiValues = new Set(resolved.values.map(String));
      const dbValues = new Set(dbEnum.values.map((v) => v.name));
      const onlyApi = [...apiValues].filter((v) => !dbValues.has(v)).sort();
      const onlyDb = [...dbValues].filter((v) => !apiValues.has(v)).sort();
      const sameIgnoringCase =
        apiValues.size === dbValues.size &&
        [...apiValues].every((v) => [...dbValues].some((d) => d.toLowerCase() === v.toLowerCase()));
      if (onlyApi.length + onlyDb.length > 0 && sameIgnoringCase) {
        report({
          ctx,
          code: "VX305",
          severity: "info",
          message: `enum values of '${property.name}' differ from ${model.name}.${field.name} only in case; the data mapper converts them`,
          node,
          field,
          model,
        });
      } else if (onlyApi.length + onlyDb.length > 0) {
        const parts = [
          onlyApi.length ? `only in the API: ${onlyApi.join(", ")}` : "",
          onlyDb.length ? `only in enum ${dbEnum.name}: ${onlyDb.join(", ")}` : "",
        ].filter(Boolean);
        report({
          ctx,
          code: "VX305",
          message: `enum values of '${property.name}' differ from ${model.name}.${field.name} (${parts.join("; ")})`,
          node,
          field,
          model,
        });
      }
    } else if (!kinds.has("string") && !kinds.has("unknown")) {
      report({
        ctx,
        code: "VX302",
        message: `property '${property.name}' is ${[...kinds].join("|")} but ${model.name}.${field.name} is enum ${field.type}`,
        node,
        field,
        model,
      });
    }
  } else if (field.type !== "Unsupported") {
    const accepted = compatibleKinds[field.type] ?? [];
    const matching = [...kinds].filter((k) => k === "unknown" || k === "null" || accepted.includes(k));
    if (matching.length === 0 || (kinds.size === 1 && kinds.has("null"))) {
      report({
        ctx,
        code: "VX302",
        message: `property '${property.name}' is ${[...kinds].join("|")} but ${model.name}.${field.name} is ${field.type}`,
        node,
        field,
        model,
      });
      return;
    }
    if (resolved.kind === "string") {
      const format = resolved.format;
      if (field.type === "DateTime" && format !== "date-time" && format !== "date") {
        report({
          ctx,
          code: "VX304",
          message: `property '${property.name}' is a string${format ? ` of format ${format}` : " with no format"} but ${model.name}.${field.name} is DateTime`,
          node,
          field,
          model,
          help: "add `format: date-time` (or `date`) to the property",
        });
      } else if (field.type === "Bytes" && format !== "byte" && format !== "binary") {
        report({
          ctx,
          code: "VX304",
          message: `property '${property.name}' should have format byte or binary: ${model.name}.${field.name} is Bytes`,
          node,
          field,
          model,
        });
      }
    }
  }

  const apiNullable = isNullable({ node, schemas });
  if (direction === "response" && !field.isRequired && !apiNullable) {
    report({
      ctx,
      code: "VX303",
      message: `${model.name}.${field.name} is optional (NULL allowed) but property '${property.name}' is not nullable; a stored null cannot be returned`,
      node,
      field,
      model,
      help: 'mark the property nullable (3.0 `nullable: true`, 3.1 `type: [..., "null"]`) or make the field required',
    });
  }
  if (direction === "request" && field.isRequired && apiNullable) {
    report({
      ctx,
      code: "VX303",
      message: `property '${property.name}' accepts null but ${model.name}.${field.name} is required`,
      node,
      field,
      model,
    });
  }
  if (direction === "request" && depth === 0 && isDatabaseFilled(field) && !resolved.readOnly && !node.readOnly) {
    report({
      ctx,
      code: "VX308",
      message: `${model.name}.${field.name} is filled by the database but request property '${property.name}' is not readOnly; it is treated as readOnly`,
      node,
      field,
      model,
      help: "add `readOnly: true` to the property",
    });
  }
}

function checkSchema({
  ctx,
  model,
  node,
  direction,
  password,
}: {
  ctx: DriftContext;
  model: Model;
  node: SchemaNode;
  direction: Direction;
  /** A sign-up's or login's password property: the accounts hash it, no column holds it as sent. */
  password?: string | undefined;
}): ObjectProperty[] | undefined {
  const properties = objectProperties({ node, schemas: ctx.schemas });
  if (!properties) return undefined;
  for (const property of properties) if (property.name !== password) checkProperty({ ctx, model, property, direction });
  return properties;
}

/**
 * Compares every bound operation's request and response schemas with its model's fields and reports the drift
 * between the two sources: types, nullability, formats, enum values (VX302-305), required fields a create cannot
 * supply (VX306), properties with no column (VX307) unless they count a relation (explicit counts naming none: VX316), database-filled fields clients may send (VX308).
 * Each diagnostic points at the spec and names the Prisma field as a related place.
 */
export function detectDrift({ api, db, userModel }: { api: ApiModel; db: DbModel; /** The accounts' user model, when the project has accounts. */ userModel?: string }): Diagnostic[] {
  const ctx: DriftContext = {
    userModel,
    schemas: indexSchemas(api),
    enums: new Map(db.enums.map((e) => [e.name, e])),
    models: new Map([...db.models, ...db.views].map((m) => [m.name, m])),
    diagnostics: [],
    seen: new Set(),
  };
  const models = ctx.models;
  for (const op of api.operations) {
    if (op.binding.kind !== "bound" || op.binding.action === "custom") continue;
    const model = models.get(op.binding.model);
    if (!model) continue;
    // Inside the envelope when there is one (`{ article: {...} }`, a page's items); a column list has no record.
    const item = responseRecordSchema({ op, envelope: op.binding.responseEnvelope, list: op.binding.action === "list", schemas: ctx.schemas });
    if (item) checkSchema({ ctx, model, node: item, direction: "response" });
    const body = requestRecordSchema({ op, envelope: op.binding.requestEnvelope, schemas: ctx.schemas });
    if (!body) continue;
    const properties = checkSchema({ ctx, model, node: body, direction: "request", password: op.binding.signIn?.password });
    if (op.binding.action !== "create" || !properties) continue;
    const supplied = new Set(properties.map((p) => squashName(p.name)));
    // Relations a nested object stands for, by its schema too (`writer: { $ref: Author }` for `author`).
    for (const p of properties) {
      const nested = nestedRelation({ model, property: p, models, schemas: ctx.schemas });
      if (nested?.ok) supplied.add(squashName(nested.relation.name));
    }
    // Foreign keys a nested route fills from its parent path parameter (`POST /authors/{id}/books`).
    const parentRelationName = op.binding.parent?.relationField;
    const parentRelation = model.fields.find((f) => f.kind === "relation" && f.name === parentRelationName);
    const fromParent = new Set(parentRelation?.kind === "relation" ? parentRelation.fromFields : []);
    // A slug the create derives from another property (`slug` from `title`); a mark it cannot honour is VX319.
    const slug = resolveDerivedSlug({ op, model, schemas: ctx.schemas });
    if (slug && "problem" in slug) {
      report({ ctx, code: "VX319", message: slug.problem, node: slug.node, model, help: "mark the slug property (a required, unique String column) with `x-vx-default: { slugFrom: <a required string property of the request body> }`" });
    }
    const derived = slug && !("problem" in slug) ? slug.column.name : undefined;
    for (const field of model.fields) {
      if (field.kind !== "scalar" && field.kind !== "enum") continue;
      if (
        !field.isRequired ||
        field.isList ||
        field.default !== undefined ||
        field.isUpdatedAt ||
        fromParent.has(field.name) ||
        field.name === derived ||
        field.name === op.binding.callerColumn?.field
      )
        continue;
      if (supplied.has(squashName(field.name)) || supplied.has(squashName(field.dbName))) continue;
      // A foreign key may also be supplied through its relation object (`author: { id }`).
      const relation = model.fields.find((f) => f.kind === "relation" && f.fromFields.includes(field.name));
      if (relation && supplied.has(squashName(relation.name))) continue;
      const name = schemaName({ node: body, schemas: ctx.schemas });
      report({
        ctx,
        code: "VX306",
        message: `${model.name}.${field.name} is required with no default, but the ${name ? `request schema ${name}` : "request body"} of ${op.operationId} has no property for it`,
        node: body,
        field,
        model,
        help: `add a '${field.name}' property to the request body, or give the field a @default`,
      });
    }
  }
  return ctx.diagnostics;
}
