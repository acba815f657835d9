import type { Model, RelationField } from "../ir/types.js";
import { squashName } from "../naming/caseConversion.js";

/** Endings of a relation that lists who did something to the record: `favoritedBy`, `likedBy`, `followers`, `likers`. */
const actorEndings = ["edby", "dby", "by", "ers", "rs"];
/** Endings of a verb or its forms as a path segment or a flag names them: `favorite`, `favorited`, `following`, `likes`. */
const verbEndings = ["ing", "ed", "d", "es", "e", "s"];

/** The verb's core of a relation that names actors (`followers` -> `follow`, `favoritedBy` -> `favorit`), else undefined. */
function actorCore(relation: string): string | undefined {
  const word = squashName(relation);
  for (const ending of actorEndings) {
    if (word.length > ending.length + 2 && word.endsWith(ending)) return word.slice(0, -ending.length);
  }
  return undefined;
}

/** The cores a verb form may have (`favorited` -> `favorited`, `favorit`; `follow` -> `follow`). */
function verbCores(word: string): string[] {
  const squashed = squashName(word);
  const cores = [squashed];
  for (const ending of verbEndings) {
    if (squashed.length > ending.length + 2 && squashed.endsWith(ending)) cores.push(squashed.slice(0, -ending.length));
  }
  return cores;
}

/**
 * The to-many relations of `model` to the user model whose name lists the actors of the verb `word` (a path segment
 * such as `favorite` or `follow`, a flag such as `favorited` or `following`): `favoritedBy`, `followers`. A relation
 * that names what the record itself does (`User.following`) is not one: the caller follows a user by joining its
 * `followers`. Sorted by name; the caller decides what more than one means.
 */
export function actorRelations({ model, word, userModel }: { model: Model; word: string; userModel: string }): RelationField[] {
  const cores = verbCores(word);
  return model.fields
    .filter((f): f is RelationField => f.kind === "relation" && f.isList && f.type === userModel)
    .filter((f) => {
      const core = actorCore(f.name);
      return core !== undefined && cores.some((c) => c === core || (core.startsWith(c) && core.length - c.length <= 1) || (c.startsWith(core) && c.length - core.length <= 1));
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
