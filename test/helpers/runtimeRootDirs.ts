import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { Plugin } from "vitest/config";

/** The folders tsconfig.json merges with `rootDirs`: each is laid out as a generated project. */
const roots = ["runtime/shared", "runtime/fastify", "runtime/express", "runtime/stubs"];

/**
 * Resolves relative imports between the toolkit's runtime folders as tsconfig's `rootDirs` does for tsc: an import
 * that is not beside its importer (`../runtime/errors.js` from runtime/fastify/src/generated/fastify/) is looked up
 * under each root, as it would be found in a generated project where all of them are one folder.
 */
export function runtimeRootDirs(toolkit: string): Plugin {
  const absoluteRoots = roots.map((root) => join(toolkit, root));
  return {
    name: "vx-runtime-root-dirs",
    enforce: "pre",
    resolveId(source, importer) {
      if (!importer || !source.startsWith(".") || !source.endsWith(".js")) return null;
      const root = absoluteRoots.find((dir) => importer.startsWith(dir + sep));
      if (!root) return null;
      const wanted = relative(root, resolve(dirname(importer), source)).replace(/\.js$/, ".ts");
      if (existsSync(join(root, wanted))) return null;
      const found = absoluteRoots.map((dir) => join(dir, wanted)).find((file) => existsSync(file));
      return found ?? null;
    },
  };
}
