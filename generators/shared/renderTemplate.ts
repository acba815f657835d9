import { readFileSync } from "node:fs";
import { join } from "node:path";
import ejs from "ejs";
import { templatesDir } from "./toolkitRoot.js";

type Compiled = (data: Record<string, unknown>) => string;

/** Compiled templates by path: each is read and compiled once per process (they are part of vx-gen, not of the user's project). */
const compiled = new Map<string, Compiled>();

function compile(path: string): Compiled {
  const text = readFileSync(path, "utf8");
  if (!path.endsWith(".ejs")) return () => text;
  const fn = ejs.compile(text, { filename: path });
  return (data) => fn(data);
}

/**
 * One template of a plugin (`generators/<plugin>/templates/<file>`) printed with `data`: an `.ejs` file rendered, any
 * other file as written. Templates only print: every spec string in `data` is already escaped by `src/emit` (such
 * fields are named for what they hold: `...Literal` is a TypeScript string literal, `...Doc` JSDoc text), and every
 * import specifier comes from `projectLayout`.
 */
export function renderTemplate({ plugin, file, data = {} }: { plugin: string; file: string; data?: object }): string {
  const path = join(templatesDir(plugin), file);
  let fn = compiled.get(path);
  if (!fn) {
    fn = compile(path);
    compiled.set(path, fn);
  }
  return fn(data as Record<string, unknown>);
}
