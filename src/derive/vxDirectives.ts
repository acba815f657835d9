/** What a Prisma doc comment (`///`) says to `derive openapi`: `@vx.hidden`, `@vx.readOnly`, `@vx.pii`, `@vx.path`, and the rest as prose. */
export interface VxDirectives {
  /** `@vx.hidden`: the model or field is left out of the derived API. */
  hidden: boolean;
  /** `@vx.readOnly`: the field is answered, never accepted. */
  readOnly: boolean;
  /** `@vx.pii`: personal data (`x-vx-pii: true`): masked in logs and in the audit log's recorded values. */
  pii: boolean;
  /** `@vx.path books`: the model's collection path segment (letters, digits, `-`, `_`); `invalid` when malformed. */
  path?: string | { invalid: string };
  /** `@vx.<word>` tokens that are not directives `derive` knows (reported, so a typo does not pass silently). */
  unknown: string[];
  /** The comment without its directive tokens, trimmed; undefined when nothing else is left. */
  description?: string;
}

const directive = /@vx\.([A-Za-z]+)/g;
const pathDirective = /@vx\.path(?:[ \t]+(\S*))?/;
const known = new Set(["hidden", "readOnly", "pii", "path"]);

/**
 * Reads the `@vx.` directives of a doc comment. The comment is data: it is only searched for the tokens, and what
 * remains becomes a description, printed later through the YAML emit layer.
 */
export function vxDirectives(documentation: string | undefined): VxDirectives {
  const text = documentation ?? "";
  const words = [...text.matchAll(directive)].map((m) => m[1] ?? "");
  const pathArgument = pathDirective.exec(text)?.[1] ?? "";
  const path = !words.includes("path") ? undefined : /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(pathArgument) ? pathArgument : { invalid: pathArgument };
  const rest = text
    .replace(new RegExp(pathDirective.source, "g"), "")
    .replace(directive, "")
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line, index, lines) => line.trim() !== "" || (index > 0 && index < lines.length - 1))
    .join("\n")
    .trim();
  return {
    hidden: words.includes("hidden"),
    readOnly: words.includes("readOnly"),
    pii: words.includes("pii"),
    unknown: [...new Set(words.filter((w) => !known.has(w)))].sort(),
    ...(path !== undefined ? { path } : {}),
    ...(rest !== "" ? { description: rest } : {}),
  };
}
