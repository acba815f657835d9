import { readFileSync } from "node:fs";
import { join } from "node:path";
import ejs from "ejs";
import { templatesDir } from "./toolkitRoot.js";

type Compiled = (data: object) => string;

/** Template texts by path: read once per process (they are part of vx-gen, not of the user's project). */
const texts = new Map<string, string>();
/**
 * Compiled templates by path and the names of their data: compiled once per process, with the data's members as
 * plain local variables (EJS's default `with (locals)` makes a render ~5 times slower: 1,000 scaffolds a run add up).
 */
const compiled = new Map<string, Compiled>();

function compile({ path, names }: { path: string; names: string[] }): Compiled {
  let text = texts.get(path);
  if (text === undefined) {
    text = readFileSync(path, "utf8");
    texts.set(path, text);
  }
  if (!path.endsWith(".ejs")) {
    const verbatim = text;
    return () => verbatim;
  }
  const fn = ejs.compile(text, { filename: path, _with: false, strict: true, destructuredLocals: names });
  return (data) => fn(data);
}

/**
 * One template of a plugin (`generators/<plugin>/templates/<file>`) printed with `data`: an `.ejs` file rendered, any
 * other file as written. Templates only print: every spec string in `data` is already escaped by `src/emit` (such
 * fields are named for what they hold: `...Literal` is a TypeScript string literal, `...Code` an expression, `...Doc`
 * JSDoc text), and every import specifier comes from `projectLayout`.
 */
export function renderTemplate({ plugin, file, data = {} }: { plugin: string; file: string; data?: object }): string {
  const path = join(templatesDir(plugin), file);
  const names = Object.keys(data);
  const key = `${path}\0${names.join("\0")}`;
  let fn = compiled.get(key);
  if (!fn) {
    fn = compile({ path, names });
    compiled.set(key, fn);
  }
  return fn(data);
}
