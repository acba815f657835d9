import type { Model, ModelField } from "../ir/types.js";
import { pluralize, squashName } from "../naming/caseConversion.js";

/**
 * The model field an API property stands for: by name or database name (case and separators ignored), or a relation
 * exchanged as its ids (`tagIds` for the list relation `tags`, `ownerId` for the relation `owner`).
 */
export function findField({ model, property }: { model: Model; property: string }): ModelField | undefined {
  const exact = model.fields.find((f) => f.name === property);
  if (exact) return exact;
  const key = squashName(property);
  const byName = model.fields.find(
    (f) => squashName(f.name) === key || ("dbName" in f && squashName(f.dbName) === key),
  );
  if (byName) return byName;
  // `tagIds` for the list relation `tags`, `ownerId` for the relation `owner`: relations exchanged as their ids.
  const ids = /^(.+?)(ids|id)$/.exec(key);
  if (!ids?.[1]) return undefined;
  const stem = ids[1];
  return model.fields.find(
    (f) =>
      f.kind === "relation" &&
      (ids[2] === "ids") === f.isList &&
      (squashName(f.name) === stem || squashName(f.name) === squashName(pluralize(stem))),
  );
}
