import type { Severity } from "../ir/types.js";

/**
 * Every diagnostic code vx-gen emits, with its default severity and a one-line title.
 * Ranges: VX0xx input files and usage, VX1xx OpenAPI, VX2xx Prisma, VX3xx API/database binding and drift,
 * VX4xx names and identifiers, VX5xx generation and output.
 */
export const diagnosticCodes = {
  // --- input files ----------------------------------------------------------------------------------------------
  VX001: { severity: "error", title: "file not found" },
  VX002: { severity: "error", title: "a directory where a file is expected" },
  VX003: { severity: "error", title: "file is not text (binary content)" },
  VX004: { severity: "error", title: "file is empty" },
  VX005: { severity: "error", title: "file cannot be read" },
  VX006: { severity: "error", title: "file is too large" },
  VX020: { severity: "error", title: "config file syntax error" },
  VX021: { severity: "error", title: "config does not match its schema" },
  VX022: { severity: "error", title: "config file cannot be loaded" },
  VX023: { severity: "error", title: "unknown generation job" },
  VX024: { severity: "error", title: "generation options missing or conflicting" },
  VX025: { severity: "error", title: "invalid authorization settings in the config (role hierarchy, IP allow list)" },

  // --- OpenAPI ---------------------------------------------------------------------------------------------------
  VX100: { severity: "error", title: "invalid YAML or JSON syntax" },
  VX101: { severity: "error", title: "not an OpenAPI or Swagger document" },
  VX102: { severity: "error", title: "unsupported OpenAPI version" },
  VX103: { severity: "error", title: "document does not conform to the OpenAPI schema" },
  VX104: { severity: "error", title: "$ref cannot be resolved" },
  VX105: { severity: "error", title: "remote $ref refused" },
  VX106: { severity: "error", title: "$ref to a file that cannot be read" },
  VX107: { severity: "warning", title: "duplicate operationId" },
  VX108: { severity: "info", title: "operationId synthesised" },
  VX109: { severity: "error", title: "path parameter not declared" },
  VX110: { severity: "warning", title: "declared path parameter not in the path template" },
  VX111: { severity: "warning", title: "schema nesting too deep" },
  VX112: { severity: "warning", title: "unknown schema keyword or type" },
  VX113: { severity: "warning", title: "discriminator mapping target not found" },
  VX114: { severity: "warning", title: "security requirement names an undefined scheme" },
  VX115: { severity: "warning", title: "unknown format" },
  VX116: { severity: "error", title: "invalid $ref value" },
  VX117: { severity: "error", title: "schema cannot be compiled into a validator (a pattern or keyword value)" },
  VX118: { severity: "error", title: "schema pattern cannot run in linear time (lookaround, backreference)" },
  VX119: { severity: "warning", title: "schema not validated (x-vx-validate: false)" },
  VX120: { severity: "info", title: "schema pattern translated from another regex dialect" },
  VX121: { severity: "warning", title: "document departs from the OpenAPI schema where vx-gen still generates correct code (an error with --strict)" },
  VX122: { severity: "error", title: "invalid x-vx-roles or x-vx-ip-allow value" },
  VX123: { severity: "error", title: "x-vx-roles on an operation no security requirement protects" },
  VX124: { severity: "warning", title: "x-vx-roles: an anonymous security alternative cannot satisfy the roles and is dropped" },
  VX125: { severity: "error", title: "x-vx-owner is not a field name" },
  VX126: { severity: "error", title: "x-vx-owner names no String column of the bound model" },
  VX127: { severity: "error", title: "x-vx-owner on an operation anyone may call (no security, or an anonymous alternative)" },
  VX128: { severity: "error", title: "x-vx-owner on an operation vx-gen does not serve (unbound or a custom action)" },
  VX129: { severity: "error", title: "x-vx-owner names different fields for one model" },
  VX130: { severity: "warning", title: "x-vx-owner on an operation whose schemes give no subject by default (only API keys, basic, mutual TLS)" },
  VX131: { severity: "error", title: "accounts cannot be generated for the user model (a column they need is missing or unusable)" },
  VX132: { severity: "error", title: "accounts cannot be added: a route, operation id, schema, security scheme or Prisma model name is taken" },
  VX133: { severity: "error", title: "two schemas are marked x-vx-auth: user" },
  VX134: { severity: "warning", title: "the served Swagger 2.0 document does not list the accounts routes" },
  VX135: { severity: "info", title: "accounts routes added for the user model" },

  // --- Prisma ----------------------------------------------------------------------------------------------------
  VX200: { severity: "error", title: "Prisma schema error" },
  VX201: { severity: "error", title: "no Prisma schema files found" },
  VX202: { severity: "error", title: "no datasource block" },
  VX203: { severity: "warning", title: "Prisma 6 datasource setting read in compatibility mode" },
  VX204: { severity: "warning", title: "view primary key read in compatibility mode" },
  VX205: { severity: "warning", title: "model has no unique identifier" },
  VX206: { severity: "error", title: "unsupported datasource provider" },

  // --- binding and drift ----------------------------------------------------------------------------------------
  VX300: { severity: "error", title: "x-vx-model names an unknown model" },
  VX301: { severity: "info", title: "operation not bound to a model" },
  VX302: { severity: "warning", title: "property type differs from the database column" },
  VX303: { severity: "warning", title: "property nullability differs from the database column" },
  VX304: { severity: "warning", title: "property format differs from the database column" },
  VX305: { severity: "warning", title: "enum values differ between API and database" },
  VX306: { severity: "warning", title: "required database field cannot be supplied by the create request" },
  VX307: { severity: "warning", title: "property has no database column" },
  VX308: { severity: "warning", title: "database-filled field is not readOnly in the API" },
  VX309: { severity: "warning", title: "path parameter matches no id or unique field" },

  // --- names -----------------------------------------------------------------------------------------------------
  VX400: { severity: "info", title: "name is not a valid identifier (the generated code uses a converted name)" },
  VX401: { severity: "warning", title: "names collide after case conversion (settled with a numeric suffix)" },
  VX402: { severity: "warning", title: "name is a reserved word" },
  VX403: { severity: "warning", title: "name cannot be used by the target (e.g. a body property `__proto__`)" },

  // --- generation ------------------------------------------------------------------------------------------------
  VX500: { severity: "error", title: "output cannot be written" },
  VX501: { severity: "warning", title: "user file cannot be parsed; declarations not added" },
  VX502: { severity: "warning", title: "user code for something no longer generated" },
  VX503: { severity: "warning", title: "generated stub changed; user code may need updating" },
  VX504: { severity: "info", title: "file no longer generated, kept because it was edited" },
  VX505: { severity: "error", title: "generated output is stale" },
  VX506: { severity: "error", title: "refusing to overwrite a file vx-gen did not write" },
  VX507: { severity: "error", title: "generator produced an invalid output path" },
  VX508: { severity: "info", title: "declarations added to a user file" },
  VX509: { severity: "warning", title: "generated file was edited by hand; edits overwritten" },
  VX510: { severity: "warning", title: "database provider not supported by the target" },
  VX511: { severity: "info", title: "bound operation gets a handler for the user to write" },
  VX512: { severity: "error", title: "request schema cannot be compiled into a validator" },
  VX513: { severity: "warning", title: "security scheme has no default verifier; it denies until written" },
  VX514: { severity: "error", title: "nothing to generate: the only input is a Prisma schema of an unsupported provider" },

  // VX600-VX619: deriving one source from the other (`vx-gen derive`, `generate` with one source)
  VX600: { severity: "info", title: "an OpenAPI document was derived from the Prisma schema" },
  VX601: { severity: "warning", title: "a column named like a secret is writeOnly (or left out) in the derived API" },
  VX602: { severity: "info", title: "a model without a single-field key gets only its collection operations" },
  VX603: { severity: "warning", title: "unknown or malformed @vx. directive in a Prisma doc comment" },
  VX604: { severity: "info", title: "a column whose type has no JSON form is left out of the derived API" },
  VX605: { severity: "info", title: "the derived OpenAPI document in the output folder was edited (or is older) and is kept" },
  VX606: { severity: "info", title: "a view is left out of the derived API (no repository is generated for views)" },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type DiagnosticCode = keyof typeof diagnosticCodes;
