import { cpSync, existsSync, mkdirSync, readdirSync, watch } from "node:fs";
import { dirname, join } from "node:path";

// The JSON data vx-gen writes under src/generated/ (the OpenAPI document, the response schemas) copied to the same
// place under dist/generated/, where the built modules read it: `dist/` runs without `src/`. With `--watch` (used by
// `npm run dev`), a file is copied again whenever vx-gen rewrites it.
const from = join("src", "generated");
const to = join("dist", "generated");

function copy(file) {
  const source = join(from, file);
  if (!existsSync(source)) return;
  const target = join(to, file);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(source, target);
}

for (const file of readdirSync(from, { recursive: true, encoding: "utf8" })) if (file.endsWith(".json")) copy(file);
if (process.argv.includes("--watch")) {
  watch(from, { recursive: true, encoding: "utf8" }, (_event, file) => {
    if (file?.endsWith(".json")) copy(file);
  });
}
