function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The reference form of the test, one RegExp per name: `name` follows a declaring keyword (`function name`, `class
 * name`, `const name`, `type name`, ...), follows `as` in a list (`export { x as name }`), or is listed inside braces
 * (`export { name, other }`). Kept for names the combined scan does not cover and as the specification the scan is
 * tested against.
 */
export function seemsToDeclareByRegex({ text, name }: { text: string; name: string }): boolean {
  const n = escape(name);
  return new RegExp(`\\b(function\\*?|class|const|let|var|interface|type|enum|namespace)\\s+${n}\\b|\\bas\\s+${n}\\s*[,}]|\\{[^}]*\\b${n}\\s*[,}]`).test(text);
}

/** Names made of `\w` characters only: for them `\b` is exactly "the start or end of a maximal `\w` run". */
const SIMPLE_NAME = /^\w+$/;

/**
 * One pass over `text` collecting every name the reference RegExp would accept, for simple names (`\w+`):
 * - `KEYWORD\s+(\w+)`: the reference needs `\bKEYWORD\s+name\b`, i.e. the whole `\w` run after the whitespace is the
 *   name. The match consumes only the keyword and the whitespace (the run is read by a lookahead), so `const const x`
 *   still yields `x`, as the reference (which may start at any position) would.
 * - `\bas\s+(\w+)\s*[,}]`: the same, the run followed by optional whitespace and `,` or `}`.
 * - brace lists: the reference needs some `{` before the name with no `}` between them (`\{[^}]*`), a word boundary
 *   before the name and `\s*[,}]` after it. Walking the text once, remembering whether the last brace seen was `{`,
 *   and taking every whole `\w` run followed by `\s*[,}]` while it was, accepts exactly those runs.
 * Names with other characters (`$`, non-ASCII letters) fall back to the reference RegExp.
 */
function collectNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/\b(?:function\*?|class|const|let|var|interface|type|enum|namespace)\s+(?=(\w+))/g)) names.add(match[1] as string);
  for (const match of text.matchAll(/\bas\s+(?=(\w+)\s*[,}])/g)) names.add(match[1] as string);
  let open = false;
  // Only braces and listed runs match (`\b` first: a run that is not followed by `,`/`}` fails once, not per position).
  for (const match of text.matchAll(/[{}]|\b\w+(?=\s*[,}])/g)) {
    const token = match[0];
    if (token === "{") open = true;
    else if (token === "}") open = false;
    else if (open) names.add(token);
  }
  return names;
}

export interface DeclarationScan {
  declares(name: string): boolean;
}

/**
 * Scans a TypeScript file once and answers `seemsToDeclare` for any number of names (a scaffold file can have hundreds
 * of declarations; one RegExp per name cost more in compiling than in matching). Same answers as
 * `seemsToDeclareByRegex` for every name.
 */
export function scanDeclarations(text: string): DeclarationScan {
  let names: Set<string> | undefined;
  return {
    declares: (name) => {
      if (!SIMPLE_NAME.test(name)) return seemsToDeclareByRegex({ text, name });
      names ??= collectNames(text);
      return names.has(name);
    },
  };
}

/**
 * A cheap textual test that a TypeScript file declares or exports `name` at some level: `function name`, `class
 * name`, `const name`, `type name`, `export { x as name }`, ... Used only to skip parsing a user file when nothing can
 * be missing: a "no" always leads to a real parse, a "yes" can be wrong only for a declaration the user commented out
 * (which vx-gen then leaves out too, and tsc reports). For several names in one file use `scanDeclarations`.
 */
export function seemsToDeclare({ text, name }: { text: string; name: string }): boolean {
  return scanDeclarations(text).declares(name);
}
