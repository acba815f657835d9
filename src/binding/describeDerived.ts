import type { DbModel, NamedSchema, Operation } from "../ir/types.js";
import { derivedSlug } from "./derivedSlug.js";

/** What `inspect` says about the values a bound create derives (`derived: slug from title (heuristic)`). */
export function describeDerived({ op, schemas, db }: { op: Operation; schemas: Map<string, NamedSchema>; db: DbModel | null }): string[] {
  const binding = op.binding;
  if (binding.kind !== "bound" || binding.action !== "create" || !db) return [];
  const model = db.models.find((m) => m.name === binding.model);
  const slug = model ? derivedSlug({ op, model, schemas }) : undefined;
  return slug ? [`derived: ${slug.column.name} from ${slug.sent === undefined ? "" : `${slug.sent}, else `}${slug.source} (${slug.via})`] : [];
}
