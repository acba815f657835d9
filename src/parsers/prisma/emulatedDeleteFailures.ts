import type { DbModel, Model, RelationField } from "../../ir/types.js";

/** A model whose delete Prisma's emulated referential actions cannot run, and the relation that stops it. */
export interface EmulatedDeleteFailure {
  /** The model whose records cannot be deleted. */
  model: string;
  /** The model its delete cascades to (itself, or one a chain of cascades reaches). */
  cascadesTo: string;
  /** The model that refers to `cascadesTo` by a composite key, and its relation field. */
  referrer: string;
  relation: string;
  /** The columns of `cascadesTo` the composite key points at that the emulation does not read. */
  missing: string[];
}

function relations(model: Model): RelationField[] {
  return model.fields.filter((f): f is RelationField => f.kind === "relation");
}

/** The relations holding a key to `target` (the referring side), with their models. */
function referrersOf({ db, target }: { db: DbModel; target: string }): { model: Model; relation: RelationField }[] {
  return db.models.flatMap((model) => relations(model).filter((r) => r.type === target && r.fromFields.length > 0).map((relation) => ({ model, relation })));
}

/** Whether deleting (or nulling) the referred record acts on the referring rows: Cascade, or SetNull (explicit, or an optional relation's default). */
function actsOnDelete(relation: RelationField): boolean {
  const action = relation.onDelete ?? (relation.isRequired ? "Restrict" : "SetNull");
  return action === "Cascade" || action === "SetNull";
}

/**
 * With `relationMode = "prisma"`, Prisma Client (7.10) emulates `onDelete` itself: deleting a record deletes the rows a
 * Cascade reaches, reading of each such row only its key and the columns it was reached by. When a third model refers
 * to those rows by a composite key with other columns (dub: `Link.programEnrollment` on `[programId, partnerId]`,
 * reached from a Program through `ProgramEnrollment.programId`) and acts on delete, Prisma stops with "The column
 * `ProgramEnrollment.partnerId` does not exist in the current database" (P2022), whatever the data: the delete fails.
 * Lists each model whose delete meets such a relation through its chain of cascades, sorted by model.
 */
export function emulatedDeleteFailures(db: DbModel): EmulatedDeleteFailure[] {
  if (db.relationMode !== "prisma") return [];
  const failures: EmulatedDeleteFailure[] = [];
  for (const start of db.models) {
    const seen = new Set<string>([start.name]);
    const queue: string[] = [start.name];
    let found: EmulatedDeleteFailure | undefined;
    while (queue.length > 0 && found === undefined) {
      const target = queue.shift() as string;
      for (const { model: child, relation: reached } of referrersOf({ db, target })) {
        if ((reached.onDelete ?? "") !== "Cascade") continue;
        const key = child.primaryKey?.fields ?? [];
        const read = new Set([...key, ...reached.fromFields]);
        const stopping = referrersOf({ db, target: child.name }).find(
          ({ relation }) => relation.toFields.length > 1 && actsOnDelete(relation) && relation.toFields.some((f) => !read.has(f)),
        );
        if (stopping) {
          found = { model: start.name, cascadesTo: child.name, referrer: stopping.model.name, relation: stopping.relation.name, missing: stopping.relation.toFields.filter((f) => !read.has(f)) };
          break;
        }
        if (!seen.has(child.name)) {
          seen.add(child.name);
          queue.push(child.name);
        }
      }
    }
    if (found) failures.push(found);
  }
  return failures;
}
