import type { DbModel, ScalarField } from "../../ir/types.js";

/**
 * The required columns defaulting to `dbgenerated()` with no expression (civitai's `Image.sortAt`): the database fills
 * them by means the schema does not show (a trigger of its own migrations), which a database pushed from the schema
 * lacks. Sorted by model, then in field order.
 */
export function triggerFilledColumns(db: DbModel): { model: string; field: ScalarField }[] {
  return db.models.flatMap((model) =>
    model.fields
      .filter((f): f is ScalarField => f.kind === "scalar" && f.isRequired && f.default?.kind === "dbgenerated" && f.default.expression === undefined)
      .map((field) => ({ model: model.name, field })),
  );
}
