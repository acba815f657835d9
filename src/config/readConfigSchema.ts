import { readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: Promise<{ file: string; schema: object }> | undefined;

/** The config JSON Schema shipped in the package's `schemas/` folder (found from this module, built or not). */
export function readConfigSchema(): Promise<{ file: string; schema: object }> {
  cached ??= (async () => {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let depth = 0; depth < 6; depth++) {
      const file = join(dir, "schemas", "vx.config.schema.json");
      const found = await stat(file).then(
        () => true,
        () => false,
      );
      if (found) return { file, schema: JSON.parse(await readFile(file, "utf8")) as object };
      dir = dirname(dir);
    }
    throw new Error("schemas/vx.config.schema.json not found next to the vx-gen package");
  })();
  return cached;
}
