// Preloaded with NODE_OPTIONS="--import <this file>" and VX_LOADED_MODULES=<a file>: every module the process loads
// is listed in that file, one a line: ES modules as they are resolved (the hooks below, in the loader's thread),
// CommonJS ones (require's cache) when the process exits. Used to prove what a started server never loads.
import { appendFileSync } from "node:fs";
import Module from "node:module";

const file = process.env.VX_LOADED_MODULES;
if (file !== undefined && file !== "") {
  Module.register(new URL("./hooks.mjs", import.meta.url), { data: { file } });
  process.on("exit", () => {
    const required = Object.keys(Module._cache ?? {});
    appendFileSync(file, required.map((path) => `${path}\n`).join(""));
  });
}
