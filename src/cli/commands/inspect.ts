import type { CommandModule } from "yargs";
import type { IrDocument, NamedSchema } from "../../ir/types.js";
import { indexSchemas } from "../../binding/schemaLookup.js";
import { describeListFilters } from "../../../generators/shared/describeListFilters.js";
import { describeEnvelopes } from "../../binding/bindEnvelopes.js";
import { describeComputed } from "../../binding/describeComputed.js";
import { describeDerived } from "../../binding/describeDerived.js";
import { describeNested } from "../../binding/describeNested.js";
import { buildIr } from "../../pipeline/buildIr.js";
import { stableStringify } from "../../util/stableStringify.js";
import { inputOptions, type InputArgs } from "../inputOptions.js";
import { requireSomeInput } from "../UsageError.js";
import { derivedApiInput } from "../derivedApiInput.js";
import { exitCodeFor } from "../reportDiagnostics.js";

interface InspectArgs extends InputArgs {
  compact: boolean;
}

/**
 * Each operation's binding in one line (`Article.create`, `unbound`) with what the binder found around its records
 * (`request envelope: article (heuristic)`, `page: articles + count articlesCount`, `column list: Tag.name`), the
 * counts computed in the records' query (`computed: commentsCount = count of comments (heuristic)`), flags of the
 * caller (`computed: favorited = caller in favoritedBy`), a relation action's change (`relation: connect the caller to
 * Article.favoritedBy`), the related records shown nested (`nested: author = Book.author (Author: id, name)`), the values a
 * create derives (`derived: slug from title (heuristic)`), what a list filters by each query parameter (`filter tag:
 * Article.tags some Tag.name`), or why it is unbound.
 */
function bindingsView(ir: IrDocument): unknown[] {
  const { api, db } = ir;
  const schemas = api ? indexSchemas(api) : new Map<string, NamedSchema>();
  return (api?.operations ?? []).map((op) => {
    const { operationId, method, path, binding } = op;
    const summary = binding.kind === "bound" ? `${binding.model}.${binding.action}` : binding.kind === "accounts" ? `accounts.${binding.action}` : "unbound";
    const computed = describeComputed({ op, schemas, db, userModel: ir.accounts?.model });
    const filters = api && db ? describeListFilters({ op, api, db }) : [];
    const found = binding.kind === "bound" ? [...describeEnvelopes({ envelopes: binding, model: binding.model }), ...computed, ...describeNested({ op, schemas, db, userModel: ir.accounts?.model }), ...describeDerived({ op, schemas, db }), ...filters] : [binding.reason];
    return { operationId, operation: `${method.toUpperCase()} ${path}`, binding: summary, found };
  });
}

/** The debugging view of the IR: operations (and a summary of their bindings), schemas, models and enums, keys sorted. */
export function inspectView(ir: IrDocument): unknown {
  const { api, db } = ir;
  return {
    irVersion: ir.irVersion,
    api: api
      ? { file: api.file, files: api.files, specVersion: api.specVersion, info: api.info, servers: api.servers, securitySchemes: api.securitySchemes, webhooks: api.webhooks }
      : null,
    operations: api?.operations ?? [],
    bindings: bindingsView(ir),
    schemas: api?.schemas ?? [],
    db: db ? { file: db.file, files: db.files, provider: db.provider, views: db.views, relations: db.relations, compositeTypes: db.compositeTypes } : null,
    models: db?.models ?? [],
    enums: db?.enums ?? [],
    diagnostics: ir.diagnostics,
  };
}

export const inspectCommand: CommandModule<object, InspectArgs> = {
  command: "inspect",
  describe: "Print the intermediate model (IR) as JSON: operations with their bindings, schemas, models, enums, diagnostics",
  builder: (y) =>
    y
      .options(inputOptions)
      .option("compact", { type: "boolean", default: false, describe: "One line of JSON instead of indented" })
      .check(requireSomeInput)
      .example("$0 inspect --openapi api.yaml --prisma prisma/schema.prisma > ir.json", "dump the IR")
      .example("$0 inspect --openapi api.yaml | jq '.operations[] | {operationId, binding}'", "see how operations bind")
      .example("$0 inspect --prisma prisma/schema.prisma | jq .bindings", "the API derived from the schema (in memory, as generate does) and its bindings"),
  handler: async (argv) => {
    const { ir } = await buildIr({
      ...(argv.openapi !== undefined ? { openapi: argv.openapi } : {}),
      ...(argv.prisma !== undefined ? { prisma: argv.prisma } : {}),
      ...derivedApiInput({ openapi: argv.openapi, prisma: argv.prisma }),
      allowRemoteRefs: argv["allow-remote-refs"],
      strict: argv.strict,
    });
    process.stdout.write(`${stableStringify({ value: inspectView(ir), indent: argv.compact ? 0 : 2 })}\n`);
    process.exitCode = exitCodeFor(ir.diagnostics);
  },
};
