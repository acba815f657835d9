/**
 * Case conversion used by the name resolver. Pure functions, no state: the same input always gives the same output.
 */

/** Splits `petStore`, `pet_store`, `pet-store`, `HTTPServer`, `v1.Pet item` into words. */
export function splitWords(input: string): string[] {
  return input
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, "$1 $2")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const MAX_REMEMBERED = 100_000;

/**
 * A text conversion that remembers its answers (bounded): names are converted again on every run of a watch, and
 * splitting words with Unicode regular expressions is the costly part of resolving names (GitHub: ~10,000 a run).
 */
function remembered(convert: (input: string) => string): (input: string) => string {
  const answers = new Map<string, string>();
  return (input) => {
    let answer = answers.get(input);
    if (answer === undefined) {
      if (answers.size >= MAX_REMEMBERED) answers.clear();
      answer = convert(input);
      answers.set(input, answer);
    }
    return answer;
  };
}

/** `pet_store` -> `PetStore`; keeps acronyms' inner case (`HTTPServer` -> `HTTPServer`). */
export const pascalCase = remembered((input) => splitWords(input).map(capitalize).join(""));

/** `PetStore` -> `petStore`, `HTTPServer` -> `httpServer`. */
export const camelCase = remembered((input) =>
  splitWords(input)
    .map((word, index) => (index === 0 ? word.toLowerCase() : capitalize(word)))
    .join(""),
);

/** `PetStore` -> `pet-store`. */
export const kebabCase = remembered((input) =>
  splitWords(input)
    .map((word) => word.toLowerCase())
    .join("-"),
);

const irregularPlurals: Record<string, string> = {
  person: "people",
  child: "children",
  man: "men",
  woman: "women",
  mouse: "mice",
  goose: "geese",
  tooth: "teeth",
  foot: "feet",
  datum: "data",
  index: "indices",
};
const uncountable = new Set([
  "data",
  "information",
  "equipment",
  "media",
  "metadata",
  "news",
  "series",
  "species",
  "feedback",
  "settings",
]);

/** English plural of the last word of an identifier, keeping its case style: `bookAuthor` -> `bookAuthors`. */
export function pluralize(identifier: string): string {
  const match = /(\p{L}+)$/u.exec(identifier);
  if (!match || match[1] === undefined) return `${identifier}s`;
  const lastWord = splitWords(match[1]).pop() ?? match[1];
  const stem = identifier.slice(0, identifier.length - lastWord.length);
  const lower = lastWord.toLowerCase();
  const keepCase = (plural: string) => (lastWord[0] === lastWord[0]?.toUpperCase() ? capitalize(plural) : plural);
  if (uncountable.has(lower)) return identifier;
  const irregular = irregularPlurals[lower];
  if (irregular) return stem + keepCase(irregular);
  if (/[^aeiou]y$/i.test(lastWord)) return `${stem}${lastWord.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(lastWord)) return `${stem}${lastWord}es`;
  return `${stem}${lastWord}s`;
}

/**
 * English singular of a plural word, for names made from a to-many relation (`tags` -> `tag`, `categories` ->
 * `category`, `licenses` -> `license`, `statuses` -> `status`, `boxes` -> `box`). "-es" goes only after the endings
 * that take it (ss, x, z, ch, sh, and the Latin -tus/-ias): elsewhere only the "s" (`courses`, `responses`).
 */
export function singularize(word: string): string {
  if (/[^aeiou]ies$/i.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|x|z|ch|sh|tus|ias)es$/i.test(word)) return word.slice(0, -2);
  if (/[^su]s$/i.test(word) && !/is$/i.test(word)) return word.slice(0, -1);
  return word;
}

/** Reserved words and strict-mode future reserved words that cannot name a variable or function. */
export const reservedWords = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "as implements interface let package private protected public static yield await any boolean number string symbol " +
    "type from of never unknown object undefined arguments eval"
  ).split(" "),
);

/** Global types and values a generated type name must not shadow. */
export const globalTypeNames = new Set(
  (
    "Array Boolean Date Error Function JSON Map Math Number Object Promise Record Partial Required Readonly Pick Omit " +
    "RegExp Set String Symbol BigInt Buffer Uint8Array Request Response Headers URL Blob File FormData Exclude Extract " +
    "NonNullable ReturnType Awaited Iterable Infinity NaN"
  ).split(" "),
);

/** `true` for a valid ECMAScript identifier (letters, digits, `_`, `$`; not starting with a digit). */
export function isIdentifier(name: string): boolean {
  return /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name);
}

/** Lower-case letters and digits only, for spelling-insensitive matching: `book_authors`, `BookAuthors` and `book-authors` are all `bookauthors`. */
export function squashName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}
