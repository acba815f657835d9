import type { Binding, Diagnostic, Model, Operation } from "../ir/types.js";
import { createDiagnostic } from "../diagnostics/createDiagnostic.js";
import type { ModelIndex } from "./bindOperations.js";

/** What is wrong with one `x-vx-filter` against the listed model (and the related one), or undefined. */
function hintProblem({ hint, model, index }: { hint: NonNullable<Operation["parameters"][number]["filterHint"]>; model: Model; index: ModelIndex }): { problem: string; names: string[] } | undefined {
  const columns = (m: Model) => m.fields.filter((f) => f.kind === "scalar" || f.kind === "enum").map((f) => f.name);
  if (hint.relation !== undefined) {
    const relation = model.fields.find((f) => f.kind === "relation" && f.name === hint.relation);
    const relations = model.fields.filter((f) => f.kind === "relation").map((f) => f.name);
    if (!relation) return { problem: `relation '${hint.relation}' is not a relation of ${model.name}`, names: relations };
    const target = index.byName.get(relation.type);
    if (target && hint.field !== undefined && !columns(target).includes(hint.field)) return { problem: `field '${hint.field}' is not a column of ${target.name}`, names: columns(target) };
    return undefined;
  }
  if (hint.field !== undefined && !columns(model).includes(hint.field)) return { problem: `field '${hint.field}' is not a column of ${model.name}`, names: columns(model) };
  return undefined;
}

/** VX314 for each `x-vx-filter` of a bound list naming a relation or field its model (or the related one) lacks. */
export function checkFilterHints({ op, binding, index }: { op: Operation; binding: Binding; index: ModelIndex }): Diagnostic[] {
  if (binding.kind !== "bound" || binding.action !== "list") return [];
  const model = index.byName.get(binding.model);
  if (!model) return [];
  const found: Diagnostic[] = [];
  for (const param of op.parameters) {
    const hint = param.filterHint;
    const wrong = hint ? hintProblem({ hint, model, index }) : undefined;
    if (!hint || !wrong) continue;
    found.push(
      createDiagnostic({
        code: "VX314",
        message: `x-vx-filter of query parameter '${param.name}': ${wrong.problem} (${op.method.toUpperCase()} ${op.path})`,
        location: { file: hint.source.file, pointer: hint.source.pointer },
        help: `one of: ${wrong.names.slice(0, 12).join(", ") || "(none)"}`,
      }),
    );
  }
  return found;
}
