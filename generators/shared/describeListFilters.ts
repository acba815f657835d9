import type { ApiModel, DbModel, Operation } from "../../src/ir/types.js";
import { derefSchema, indexSchemas } from "../../src/binding/schemaLookup.js";
import { apiToDb, type ConvertContext } from "./convertValue.js";
import { EnumMaps } from "./enumMaps.js";
import { listParameterRole } from "./planBoundHandler.js";
import { resolveListFilter } from "./resolveListFilter.js";

/**
 * What a bound list filters by each of its query parameters (not paging or sorting), one line each, as the generated
 * handler reads them (`resolveListFilter`): `filter tag: Article.tags some Tag.name`, `filter createdAfter:
 * Comment.createdAt gt`, or why it cannot (`filter q: none, <reason>`). For `vx-gen inspect` (`bindings[].found`).
 */
export function describeListFilters({ op, api, db }: { op: Operation; api: ApiModel; db: DbModel }): string[] {
  const { binding } = op;
  const models = new Map(db.models.map((m) => [m.name, m]));
  const model = binding.kind === "bound" && binding.action === "list" ? models.get(binding.model) : undefined;
  if (!model) return [];
  const schemas = indexSchemas(api);
  const ctx: ConvertContext = {
    enums: new Map(db.enums.map((e) => [e.name, e])),
    enumMaps: new EnumMaps(),
    useEnumTable: () => undefined,
    apiType: () => "unknown",
    deref: (node) => derefSchema({ node, schemas }),
  };
  const lines: string[] = [];
  for (const param of op.parameters) {
    if (param.in !== "query" || listParameterRole(param.name) !== undefined) continue;
    const schema = derefSchema({ node: param.schema, schemas });
    const node = schema.kind === "array" ? derefSchema({ node: schema.items, schemas }) : schema;
    const converts = (field: Parameters<typeof apiToDb>[0]["field"]) => apiToDb({ field, node, v: "value", ctx }) !== undefined;
    const filter = resolveListFilter({ model, models, name: param.name, node, hint: param.filterHint, converts });
    const op = "reason" in filter || filter.op === "equals" ? "" : ` ${filter.op}`;
    const what =
      "reason" in filter
        ? `none, ${filter.reason}`
        : filter.kind === "column"
          ? `${model.name}.${filter.field.name}${op}`
          : `${model.name}.${filter.relation.name}${filter.many ? " some" : ""} ${filter.relation.type}.${filter.field.name}${op}`;
    lines.push(`filter ${param.name}: ${what}${param.filterHint ? " (x-vx-filter)" : ""}`);
  }
  return lines;
}
