/**
 * The intermediate model (IR) of vx-gen.
 *
 * Plain, serialisable data: unions are discriminated on `kind`, nothing here depends on the spec version a node came
 * from (Swagger 2.0, OpenAPI 3.0 and 3.1 all read into the same shapes), and every node carries its source.
 * Parsers build it, the binder links API operations to database models, generators read it and never write it.
 */

// ---------------------------------------------------------------------------------------------------------------------
// Sources and diagnostics
// ---------------------------------------------------------------------------------------------------------------------

/** Where an IR node came from in an OpenAPI document: the file and a JSON pointer (RFC 6901) inside that file. */
export interface OpenApiSource {
  kind: "openapi";
  /** Path of the file as the user named it (relative to the working directory when it is below it). */
  file: string;
  /** JSON pointer inside `file`, e.g. `/paths/~1pets/get`. Empty string is the document root. */
  pointer: string;
}

/** Where an IR node came from in a Prisma schema: the file, the block and field, and the line (1-based). */
export interface PrismaSource {
  kind: "prisma";
  file: string;
  /** Model, view, enum or composite type name. */
  block?: string;
  field?: string;
  line: number;
  column: number;
}

export type Source = OpenApiSource | PrismaSource;

export type Severity = "error" | "warning" | "info";

/** A place a diagnostic points at. `line`/`column` are 1-based; a pointer is kept for JSON/YAML sources. */
export interface DiagnosticLocation {
  file: string;
  line?: number;
  column?: number;
  pointer?: string;
}

export interface RelatedLocation {
  message: string;
  location: DiagnosticLocation;
}

export interface Diagnostic {
  /** Stable code, e.g. `VX101`; the catalogue is `src/diagnostics/codes.ts`. */
  code: string;
  severity: Severity;
  message: string;
  location?: DiagnosticLocation;
  /** What the user can do about it. */
  help?: string;
  /** Other places involved (e.g. the Prisma field for an API/database drift). */
  related?: RelatedLocation[];
}

// ---------------------------------------------------------------------------------------------------------------------
// Schemas (the type graph)
// ---------------------------------------------------------------------------------------------------------------------

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Fields every schema node may carry. */
export interface SchemaCommon {
  /** `null` is an allowed value (OpenAPI 3.0 `nullable`, Swagger `x-nullable`, 3.1 `type: [.., "null"]`). */
  nullable: boolean;
  readOnly: boolean;
  writeOnly: boolean;
  deprecated: boolean;
  /** `x-vx-pii: true`: personal data, masked in the generated server's logs and audit events. */
  pii?: true;
  /**
   * `x-vx-pii: hash`: personal data logged as a keyed hash (HMAC-SHA256 with LOG_HASH_KEY) rather than masked, so lines
   * about the same value can be correlated without showing it. Always with `pii`.
   */
  piiHash?: true;
  /**
   * `x-vx-computed: { count: <relation> }`: a response property computed by the database in the record's query (the
   * number of related records of a to-many relation), never stored nor written.
   */
  computed?: ComputedValue;
  /**
   * `x-vx-default: { slugFrom: <property> }`: a property a create derives from another property of its body (a slug
   * made from the title, unique with `-2`, `-3`...), so the client need not send it; `x-vx-default: caller`: the
   * caller's id (a foreign key to the user model).
   */
  derivedDefault?: DerivedDefault;
  /**
   * `x-vx-model` on the schema itself (inline ones too): the Prisma model it is the shape of, which makes an object
   * property a nested record of the bound model's to-one relation to that model.
   */
  modelHint?: string;
  title?: string;
  description?: string;
  default?: JsonValue;
  examples?: JsonValue[];
  source: OpenApiSource;
}

/**
 * What `x-vx-default` says a property's value is made from on create: `slugFrom`, a slug of the named body property;
 * `caller`, the caller's id (a foreign key to the accounts' user model, `authorId`, or its relation, `author`).
 */
export type DerivedDefault = { slugFrom: string } | { caller: true };

/**
 * What `x-vx-computed` says a property is: `count`, the number of records of the named to-many relation; `callerIn`,
 * whether the caller (the authenticated user) is among the records of the named to-many relation to the user model.
 */
export type ComputedValue = { count: string } | { callerIn: string };

/** A reference to a named schema (`ApiModel.schemas`). Circular schemas stay references, so the graph is finite. */
export interface RefSchema extends SchemaCommon {
  kind: "ref";
  /** Key in `ApiModel.schemas`. */
  name: string;
}

export interface ObjectProperty {
  name: string;
  required: boolean;
  schema: SchemaNode;
}

export interface ObjectSchema extends SchemaCommon {
  kind: "object";
  /** In document order. */
  properties: ObjectProperty[];
  /** `true`: any extra property; `false`: none; a schema: extra properties of that type. Absent = true. */
  additionalProperties: boolean | SchemaNode;
  patternProperties?: { pattern: string; schema: SchemaNode }[];
  minProperties?: number;
  maxProperties?: number;
  /**
   * A discriminator on a plain object (the parent of `allOf` children, e.g. Swagger 2.0's `discriminator: petType`):
   * every mapping explicit, including the implicit one of each named schema that is an `allOf` child of this one.
   */
  discriminator?: Discriminator;
}

export interface ArraySchema extends SchemaCommon {
  kind: "array";
  items: SchemaNode;
  /** 3.1 `prefixItems` (tuples). */
  prefixItems?: SchemaNode[];
  minItems?: number;
  maxItems?: number;
  uniqueItems: boolean;
}

export interface StringSchema extends SchemaCommon {
  kind: "string";
  format?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  contentMediaType?: string;
  contentEncoding?: string;
}

export interface NumberSchema extends SchemaCommon {
  kind: "number" | "integer";
  format?: string;
  minimum?: number;
  maximum?: number;
  /** Always the numeric (2020-12) form; Swagger/3.0 boolean exclusives are normalised. */
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
}

export interface BooleanSchema extends SchemaCommon {
  kind: "boolean";
}

export interface NullSchema extends SchemaCommon {
  kind: "null";
}

export type EnumValue = string | number | boolean | null;

export interface EnumSchema extends SchemaCommon {
  kind: "enum";
  /** The primitive type of the values (`mixed` when they differ). */
  baseType: "string" | "number" | "integer" | "boolean" | "mixed";
  values: EnumValue[];
}

export interface ConstSchema extends SchemaCommon {
  kind: "const";
  value: JsonValue;
}

export interface Discriminator {
  propertyName: string;
  /** Discriminator value -> named schema; implicit mappings (schema name as value) are made explicit. */
  mapping: { value: string; schema: string }[];
}

export interface UnionSchema extends SchemaCommon {
  kind: "union";
  /** `oneOf`: exactly one member matches; `anyOf`: at least one. */
  mode: "oneOf" | "anyOf";
  members: SchemaNode[];
  discriminator?: Discriminator;
}

/** `allOf`. */
export interface IntersectionSchema extends SchemaCommon {
  kind: "intersection";
  members: SchemaNode[];
  discriminator?: Discriminator;
}

/** Anything the type graph does not narrow: `{}`, `true`, a schema with only `not`, a binary body with no type. */
export interface UnknownSchema extends SchemaCommon {
  kind: "unknown";
}

export type SchemaNode =
  | RefSchema
  | ObjectSchema
  | ArraySchema
  | StringSchema
  | NumberSchema
  | BooleanSchema
  | NullSchema
  | EnumSchema
  | ConstSchema
  | UnionSchema
  | IntersectionSchema
  | UnknownSchema;

export interface NamedSchema {
  kind: "namedSchema";
  /** Name as written in the spec (`components/schemas` or `definitions` key, or a name given to a hoisted schema). */
  name: string;
  schema: SchemaNode;
  /**
   * The same schema as normalised JSON Schema 2020-12 (nullable folded into type arrays, boolean exclusives made
   * numeric, `x-` keys dropped, refs to other named schemas as `#/$defs/<name>`). Validators are generated from this.
   */
  jsonSchema: JsonValue;
  /** `x-vx-model` on the schema. */
  modelHint?: string;
  /** `x-vx-auth: user` on the schema: the API shape of the user model (accounts and sessions are generated for it). */
  authRole?: "user";
  source: OpenApiSource;
}

// ---------------------------------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------------------------------

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

export type ParameterLocation = "path" | "query" | "header" | "cookie";

export type ParameterStyle =
  | "matrix"
  | "label"
  | "form"
  | "simple"
  | "spaceDelimited"
  | "pipeDelimited"
  | "deepObject";

export interface Parameter {
  kind: "parameter";
  name: string;
  in: ParameterLocation;
  required: boolean;
  deprecated: boolean;
  description?: string;
  /** Always explicit: the OpenAPI default for the location when the spec leaves it out. */
  style: ParameterStyle;
  explode: boolean;
  allowReserved: boolean;
  schema: SchemaNode;
  /** Normalised JSON Schema 2020-12 of the parameter value (see NamedSchema.jsonSchema). */
  jsonSchema: JsonValue;
  /** `x-vx-filter`: what a bound list filters by this query parameter, overriding vx-gen's guess from its name. */
  filterHint?: ParameterFilterHint;
  source: OpenApiSource;
}

/** A comparison a list filter makes: equality, or one end of a range (`minPrice` is `gte`, `createdBefore` `lt`). */
export type FilterOperator = "equals" | "gte" | "lte" | "gt" | "lt";

/**
 * `x-vx-filter` of a query parameter: `relation` (a relation field of the list's model, the filter then compares a
 * field of the related record), `field` (a column of the list's model, or of the related model with `relation`), `op`.
 */
export interface ParameterFilterHint {
  kind: "filterHint";
  relation?: string;
  field?: string;
  op?: FilterOperator;
  source: OpenApiSource;
}

export interface MediaContent {
  kind: "content";
  /** e.g. `application/json`, `multipart/form-data`, `application/octet-stream`. */
  mediaType: string;
  schema: SchemaNode | null;
  jsonSchema: JsonValue | null;
  /**
   * A `multipart/form-data` or form body's `encoding`, by property name (sorted): the media types a part may have
   * (`contentType`, comma-separated, wildcards allowed), and a form's array style. Absent when the spec gives none.
   */
  encoding?: PartEncoding[];
  source: OpenApiSource;
}

/**
 * One property's entry of a media type's `encoding`: the media types its part may be sent as (multipart), and how an
 * `application/x-www-form-urlencoded` body writes an array (`style`, `explode`: `form` with `explode: false` is
 * `tags=a,b`, `spaceDelimited` is `tags=a%20b`, `pipeDelimited` is `tags=a|b`; the default is `tags=a&tags=b`).
 */
export interface PartEncoding {
  property: string;
  contentType?: string;
  style?: "form" | "spaceDelimited" | "pipeDelimited" | "deepObject";
  explode?: boolean;
}

export interface RequestBody {
  kind: "requestBody";
  required: boolean;
  description?: string;
  content: MediaContent[];
  source: OpenApiSource;
}

export interface ResponseHeader {
  name: string;
  required: boolean;
  schema: SchemaNode;
}

export interface Response {
  kind: "response";
  /** `200`, `4XX` or `default`. */
  status: string;
  description: string;
  headers: ResponseHeader[];
  content: MediaContent[];
  source: OpenApiSource;
}

/** One alternative of a security requirement: all schemes in it apply together. Empty = anonymous allowed. */
export interface SecurityRequirement {
  schemes: { name: string; scopes: string[] }[];
}

/** `register`, `login`: the spec's own sign-up and login over the accounts' user model (served by the accounts). */
/**
 * A list scoped to the caller: the records whose relation `relation` is the caller (a to-one relation to the user
 * model, `author`), holds the caller (a to-many one, `favoritedBy`), or, with `callerIn`, is a record holding the
 * caller in its own relation `callerIn` (`author` whose `followers` include the caller: a feed). `via`: `extension`
 * when `x-vx-scope` said so, `heuristic` for `GET /<records>/feed`.
 */
export interface CallerScope {
  relation: string;
  callerIn?: string;
  /** `relation` is to-many (`favoritedBy`): some of its records is the caller. */
  many?: true;
  via: "extension" | "heuristic";
}

export type OperationAction = "list" | "get" | "create" | "update" | "replace" | "delete" | "connect" | "disconnect" | "register" | "login" | "custom";

/**
 * A relation action (`POST|DELETE /articles/{slug}/favorite`, `PUT|DELETE /articles/{slug}/tags/{name}`): the
 * to-many relation of the path's record that `connect` adds to and `disconnect` removes from, and whom: the caller
 * (a record of the user model, by the subject of their token) or the related record a path parameter selects by its
 * key `field`. `via`: `extension` when `x-vx-relation` named the relation.
 */
export interface RelationAction {
  relation: string;
  target: { kind: "caller" } | { kind: "path"; parameter: string; field: string };
  via: "extension" | "heuristic";
}

/** `extension`: `x-vx-envelope` said so; `heuristic`: inferred from the schemas and the model. */
export type EnvelopeVia = "extension" | "heuristic";

/** A request body wrapping the record in one named property (`{ article: {...} }`, `{ data: {...} }`). */
export interface RequestEnvelope {
  kind: "wrap";
  property: string;
  via: EnvelopeVia;
}

/**
 * The success response around the record(s): `wrap` one record in one property; `page` a list's items under `items`
 * with the total count of the filtered query at the property path `total` (`["articlesCount"]`, `["meta", "total"]`);
 * `columnList` a list of one column's values (`{ tags: ["a"] }` from `Tag.name`), under `items` or (undefined) as the
 * response array itself.
 */
export type ResponseEnvelope =
  | { kind: "wrap"; property: string; via: EnvelopeVia }
  | { kind: "page"; items: string; total?: string[]; via: EnvelopeVia }
  | { kind: "columnList"; items?: string; total?: string[]; field: string; via: EnvelopeVia };

/** One side of `x-vx-envelope`: `false` (flat), a property name (wrapped), or a page/column list object. */
export type EnvelopeHintValue =
  | { kind: "flat" }
  | { kind: "wrap"; property: string }
  | { kind: "page"; items?: string; total?: string[]; column?: string };

/** `x-vx-envelope` of an operation, its request body or its success response (the more specific wins). */
export interface OperationEnvelopeHint {
  kind: "envelopeHint";
  request?: EnvelopeHintValue;
  response?: EnvelopeHintValue;
  source: OpenApiSource;
}

/** How an operation is tied to a database model. Decided by the binder; `unbound` always says why. */
export type Binding =
  | {
      kind: "bound";
      model: string;
      action: OperationAction;
      /** `extension`: `x-vx-model` said so; `heuristic`: inferred. */
      via: "extension" | "heuristic";
      reason: string;
      /** Path parameter that selects one record, and the model field it matches (id or unique). */
      key?: { parameter: string; field: string };
      /**
       * Path parameters that together select one record (`/memberships/{userId}/{groupId}`): each with the model field
       * it matches, the fields being all those of a compound `@@id` or `@@unique`, in its order. Absent with `key`.
       */
      compoundKey?: { parameter: string; field: string }[];
      /** For nested routes (`/authors/{authorId}/books`): the parent model and the relation field linking to it. */
      parent?: { model: string; parameter: string; field: string; relationField: string };
      /**
       * `x-vx-owner`: the String column holding the owner's subject. The caller sees and changes only rows whose
       * column is their subject (lists filtered, another's row NOT_FOUND, creates set it).
       */
      owner?: { field: string };
      /** `connect`/`disconnect`: the relation and the record added to or removed from it. */
      relation?: RelationAction;
      /**
       * The record is the caller's own (`GET|PUT|PATCH /user`, `/me`): the user model's record whose id is the subject
       * of the caller's token, no path parameter. Absent with `key`.
       */
      callerRecord?: true;
      /**
       * A create whose foreign key to the user model the caller fills (`authorId` of `author User`): the body does not
       * send it, the handler sets it from the caller's id (only authenticated callers reach the operation).
       */
      callerColumn?: { field: string; relation: string };
      /**
       * A list scoped to the caller (`GET /articles/feed`): the records whose to-one relation `relation` (`author`)
       * has the caller among its `callerIn` relation's records (`followers`): what the caller follows.
       */
      scope?: CallerScope;
      /**
       * `register`/`login`: the request record's properties the accounts take, the identifier (`email`) and the
       * password (a sign-up's other properties are the columns registration asks for, `username`), and the answer's
       * property showing the new access token (`token`), when it has one.
       */
      signIn?: { identifier: string; password: string; token?: string };
      /** Where the record sits in the request body when it is wrapped (`{ article: {...} }`); absent: the body is it. */
      requestEnvelope?: RequestEnvelope;
      /** Where the record, page or column list sits in the success response; absent: the flat forms. */
      responseEnvelope?: ResponseEnvelope;
    }
  | { kind: "unbound"; reason: string }
  /** A route of the generated accounts (register, login, refresh...): served by vx-gen's accounts handlers. */
  | { kind: "accounts"; action: AccountsAction; reason: string };

export interface Operation {
  kind: "operation";
  /** Unique within the document; synthesised from method and path when the spec has none. */
  operationId: string;
  operationIdSynthesized: boolean;
  method: HttpMethod;
  /** Path template as in the spec, e.g. `/pets/{petId}`. */
  path: string;
  tags: string[];
  summary?: string;
  description?: string;
  deprecated: boolean;
  /** Path-item and operation parameters merged (operation wins), in document order. */
  parameters: Parameter[];
  requestBody?: RequestBody;
  /** Sorted: numeric statuses ascending, then ranges (`2XX`), then `default`. */
  responses: Response[];
  /** Effective security: the operation's own or else the document's. Empty = open. */
  security: SecurityRequirement[];
  callbacks: Callback[];
  /** `x-vx-model` on the operation. */
  modelHint?: string;
  /** `x-vx-roles`: the caller needs one of these roles (of the principals its security returned). */
  roles?: OperationRoles;
  /** `x-vx-ip-allow`: the client addresses allowed (replacing the API's list from the config). */
  ipAllow?: OperationIpAllow;
  /** `x-vx-rate-limit`: the operation's own request limit (replacing the server's global one for it). */
  rateLimit?: OperationRateLimit;
  /** `x-vx-cache-control` (GET only): the `Cache-Control` of its 2xx answers. */
  cacheControl?: OperationCacheControl;
  /** `x-vx-audit: true`: each call answered 2xx records an audit event (besides the services' writes). */
  audit?: true;
  /** `x-vx-owner` on the operation, else on its path item: the model field naming the row's owner. */
  ownerHint?: { field: string; source: OpenApiSource };
  /** `x-vx-envelope`: where the record sits in the bodies, overriding the binder's guess. */
  envelopeHint?: OperationEnvelopeHint;
  /** `x-vx-relation`: the to-many relation a relation action (`POST|DELETE .../favorite`) connects or disconnects. */
  relationHint?: { relation: string; source: OpenApiSource };
  /**
   * `x-vx-scope`: a list of the records a relation ties to the caller: `{ relation }` (the caller is the record's
   * `author`, or among its `favoritedBy`), `{ relation, callerIn }` (the record's `author` has the caller among its
   * `followers`: a feed).
   */
  scopeHint?: { relation: string; callerIn?: string; source: OpenApiSource };
  binding: Binding;
  source: OpenApiSource;
}

/** An operation's `x-vx-roles`: one of `roles` is needed (a role implying one, by the config's hierarchy, too). */
export interface OperationRoles {
  kind: "roles";
  /** Non-empty, without duplicates, in the spec's order. */
  roles: string[];
  source: OpenApiSource;
}

/** An operation's `x-vx-ip-allow`: IPv4/IPv6 addresses and CIDR ranges (`10.0.0.0/8`, `2001:db8::/32`), each valid. */
export interface OperationIpAllow {
  kind: "ipAllow";
  /** Non-empty, in the spec's order. */
  ranges: string[];
  source: OpenApiSource;
}

/** What an operation's rate limit counts requests by: client address, authenticated principal, API key (hashed). */
export type RateLimitKey = "ip" | "principal" | "apiKey";

/** An operation's `x-vx-rate-limit`: at most `max` requests per `windowMs` per key, each value checked. */
export interface OperationRateLimit {
  kind: "rateLimit";
  /** A positive integer. */
  max: number;
  /** The window in milliseconds (from `"1m"`, `"30s"`, `"500ms"`, `"2h"` or a number of milliseconds). */
  windowMs: number;
  key: RateLimitKey;
  source: OpenApiSource;
}

/**
 * An operation's `x-vx-cache-control`: valid directives, names lower-cased, joined by `, ` (`public, max-age=60`); on a
 * secured operation never one a shared cache may store (`private` or `no-store` present, no `public`, no `s-maxage`).
 */
export interface OperationCacheControl {
  kind: "cacheControl";
  value: string;
  source: OpenApiSource;
}

export interface Callback {
  kind: "callback";
  name: string;
  /** Runtime expression, e.g. `{$request.body#/callbackUrl}`. */
  expression: string;
  operations: Operation[];
  source: OpenApiSource;
}

export interface Webhook {
  kind: "webhook";
  name: string;
  operations: Operation[];
  source: OpenApiSource;
}

export type SecurityScheme =
  | {
      kind: "apiKey";
      name: string;
      paramName: string;
      in: "query" | "header" | "cookie";
      /**
       * A key in the `Authorization` header sent as `<tokenScheme> <token>` (`Token xxxxx.yyyyy.zzzzz`): a JWT with its
       * own authentication scheme word, verified like a bearer token. From `x-vx-token-scheme` or the description's
       * example of the header.
       */
      tokenScheme?: string;
      description?: string;
      source: OpenApiSource;
    }
  | { kind: "http"; name: string; scheme: string; bearerFormat?: string; description?: string; source: OpenApiSource }
  | {
      kind: "oauth2";
      name: string;
      flows: { flow: string; authorizationUrl?: string; tokenUrl?: string; refreshUrl?: string; scopes: string[] }[];
      description?: string;
      source: OpenApiSource;
    }
  | { kind: "openIdConnect"; name: string; openIdConnectUrl: string; description?: string; source: OpenApiSource }
  | { kind: "mutualTLS"; name: string; description?: string; source: OpenApiSource };

export interface Server {
  url: string;
  description?: string;
  variables: { name: string; default: string; enum?: string[]; description?: string }[];
}

export interface ApiModel {
  kind: "api";
  /** Root file of the document. */
  file: string;
  /** Every file the document was read from (root first, then sorted). */
  files: string[];
  /** `2.0`, `3.0.x` or `3.1.x` as written in the document. */
  specVersion: string;
  info: { title: string; version: string; description?: string };
  servers: Server[];
  /** Sorted by path, then method (get, put, post, delete, options, head, patch, trace). */
  operations: Operation[];
  /** Sorted by name. */
  schemas: NamedSchema[];
  securitySchemes: SecurityScheme[];
  webhooks: Webhook[];
}

// ---------------------------------------------------------------------------------------------------------------------
// Database (Prisma)
// ---------------------------------------------------------------------------------------------------------------------

export type DbProvider = "postgresql" | "mysql" | "sqlite" | "sqlserver" | "mongodb" | "cockroachdb";

export type ScalarType = "String" | "Boolean" | "Int" | "BigInt" | "Float" | "Decimal" | "DateTime" | "Json" | "Bytes";

export type FieldDefault =
  | { kind: "autoincrement" }
  | { kind: "uuid"; version?: number }
  | { kind: "cuid"; version?: number }
  | { kind: "nanoid" }
  | { kind: "ulid" }
  | { kind: "now" }
  | { kind: "auto" }
  | { kind: "sequence" }
  | { kind: "dbgenerated"; expression?: string }
  | { kind: "literal"; value: JsonValue }
  | { kind: "function"; name: string; args: JsonValue[] };

export type ReferentialAction = "Cascade" | "Restrict" | "NoAction" | "SetNull" | "SetDefault";

export interface ScalarField {
  kind: "scalar";
  name: string;
  /** Column name (`@map`), equal to `name` when not mapped. */
  dbName: string;
  type: ScalarType | "Unsupported";
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  /** Foreign-key column of a relation on this model. */
  isForeignKey: boolean;
  default?: FieldDefault;
  /** `@db.VarChar(255)` -> `{ name: "VarChar", args: ["255"] }`. */
  nativeType?: { name: string; args: string[] };
  documentation?: string;
  source: PrismaSource;
}

export interface EnumField extends Omit<ScalarField, "kind" | "type" | "nativeType"> {
  kind: "enum";
  /** Name of the enum (`DbModel.enums`). */
  type: string;
}

export interface RelationField {
  kind: "relation";
  name: string;
  /** The related model. */
  type: string;
  isList: boolean;
  isRequired: boolean;
  /** Relation name, shared by both sides. */
  relationName: string;
  /** Scalar fields of this model holding the foreign key (empty on the side without the key). */
  fromFields: string[];
  /** Fields of the related model they point at. */
  toFields: string[];
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
  documentation?: string;
  source: PrismaSource;
}

/** A field of a composite type (MongoDB `type` blocks). */
export interface CompositeField {
  kind: "composite";
  name: string;
  dbName: string;
  type: string;
  isList: boolean;
  isRequired: boolean;
  documentation?: string;
  source: PrismaSource;
}

export type ModelField = ScalarField | EnumField | RelationField | CompositeField;

/** MySQL index prefix lengths by field (`@@index([url(length: 500)])`): present when any field of the index has one. */
export type IndexPrefixLengths = Record<string, number>;

export interface Model {
  /** `view` for Prisma `view` blocks (read-only). */
  kind: "model" | "view";
  name: string;
  /** Table name (`@@map`), equal to `name` when not mapped. */
  dbName: string;
  /** In schema order. */
  fields: ModelField[];
  /** Single `@id` or composite `@@id`; null when the model has neither (only `@unique`s). */
  primaryKey: { name?: string; fields: string[] } | null;
  /** `@unique` and `@@unique`, single-field ones included. */
  uniques: { name?: string; fields: string[]; lengths?: IndexPrefixLengths }[];
  indexes: { name?: string; fields: string[]; type: "index" | "fulltext"; lengths?: IndexPrefixLengths }[];
  documentation?: string;
  source: PrismaSource;
}

export interface DbEnum {
  kind: "enum";
  name: string;
  dbName: string;
  values: { name: string; dbName: string }[];
  documentation?: string;
  source: PrismaSource;
}

export interface CompositeType {
  kind: "compositeType";
  name: string;
  fields: CompositeField[];
  source: PrismaSource;
}

export interface Relation {
  kind: "relation";
  name: string;
  type: "1-1" | "1-n" | "m-n";
  /** Implicit m-n: Prisma manages the join table. */
  implicit: boolean;
  /** Both ends are the same model. */
  self: boolean;
  /** For 1-1 and 1-n: the side holding the foreign key. For m-n: the first model by name. */
  from: { model: string; field: string; fields: string[] };
  /** For 1-1 and 1-n: the referenced side. */
  to: { model: string; field: string; fields: string[] };
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
}

export interface DbModel {
  kind: "db";
  /** Root schema file or folder as named by the user. */
  file: string;
  /** Every `.prisma` file read, sorted. */
  files: string[];
  provider: DbProvider;
  /** The datasource's `relationMode = "prisma"`: Prisma Client emulates relations, the database has no foreign keys. */
  relationMode?: "prisma";
  /** Sorted by name. */
  models: Model[];
  /** Sorted by name. */
  views: Model[];
  /** Sorted by name. */
  enums: DbEnum[];
  compositeTypes: CompositeType[];
  /** Sorted by name. */
  relations: Relation[];
  /** Preview features of the schema's generator that Prisma 7 rejects, read past (VX203) and left out of the project's schema. */
  ignoredPreviewFeatures?: string[];
  /** View `@id`/`@@id` attributes Prisma 7 rejects (VX204): kept as the views' keys, left out of the project's schema. */
  droppedViewKeys?: { file: string; offset: number; length: number }[];
  /** The schema's text when it was derived from the API in memory (`--derive-db`): `file` is where it is written, not read. */
  derivedText?: string;
}

// ---------------------------------------------------------------------------------------------------------------------
// Accounts and sessions
// ---------------------------------------------------------------------------------------------------------------------

/** What an accounts route does. */
export type AccountsAction =
  | "register"
  | "login"
  | "loginMfa"
  | "refresh"
  | "logout"
  | "me"
  | "totpEnrol"
  | "totpConfirm"
  | "totpDisable"
  | "auditEvents"
  | "apiKeysList"
  | "apiKeysCreate"
  | "apiKeysRotate"
  | "apiKeysRevoke";

/** A column of the user model that accounts read or write. */
export interface AccountsColumn {
  field: string;
  /** The Prisma scalar type (`String`, `Int`...) or enum name. */
  type: string;
  list: boolean;
  /** Not optional (`?`) in the schema. */
  required: boolean;
  /** A Prisma enum (its name is `type`). */
  isEnum: boolean;
  /** Its `@default` when that is one string (or enum value). */
  defaultText?: string;
  source: PrismaSource;
}

/**
 * Accounts and sessions for the user model: which columns hold the identifier, the password hash and the roles, the
 * fields registration asks for, and the routes (an OpenAPI 3.1 document merged into the API, `document`).
 */
export interface AccountsModel {
  kind: "accounts";
  /** The Prisma model of users. */
  model: string;
  /** Its id field and whether the id is a number (kept as a string in tokens). */
  id: { field: string; numeric: boolean; type: string };
  identifier: AccountsColumn;
  /** Whether the identifier is an e-mail address (normalised to lower case). */
  identifierIsEmail: boolean;
  password: AccountsColumn;
  /** The column of the user's role or roles; absent: users have no roles. */
  roles?: AccountsColumn;
  /**
   * How the API spells the roles a Prisma enum stores (`ADMIN` -> `admin`: the user schema's enum, else the
   * `x-vx-roles` values), where it differs: tokens and principals carry the API's spelling.
   */
  roleSpelling?: { stored: string; api: string }[];
  /** Other required columns without a default: registration asks for them. */
  registerFields: AccountsColumn[];
  /** Mount path of the routes (`/auth`). */
  path: string;
  /** TOTP multi-factor routes. */
  mfa: boolean;
  /** The bearer scheme the routes that need a caller use (the spec's own, or `vxAccountsBearer` added). */
  bearerScheme: string;
  /** The word clients send the access token under (`Authorization: <tokenScheme> <token>`): `Bearer`, or the spec's own (`Token`). */
  tokenScheme: string;
  /** The routes as an OpenAPI 3.1 document (paths, components), merged into the served document. */
  document: JsonValue;
  /** operationId of each route. */
  operations: { action: AccountsAction; operationId: string }[];
  /** Where it was asked for: the marked schema, or the config. */
  source: Source | { kind: "config" };
}

// ---------------------------------------------------------------------------------------------------------------------
// The whole document
// ---------------------------------------------------------------------------------------------------------------------

export interface IrDocument {
  kind: "ir";
  /** Version of the IR format, bumped when its shape changes. */
  irVersion: 1;
  api: ApiModel | null;
  db: DbModel | null;
  /** Accounts and sessions for the user model (`x-vx-auth: user` or `options.auth.accounts`), when generated. */
  accounts?: AccountsModel;
  /** API keys are kept in a `VxApiKey` table too (an API key scheme in use, a database, not turned off). */
  apiKeyTable?: boolean;
  diagnostics: Diagnostic[];
}
