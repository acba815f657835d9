import { existsSync, readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

// `prisma generate` only needs the WebAssembly engines that ship with the npm packages, but the CLI first tries to
// download the native schema engine. When it is not installed (offline machines), point the CLI at a stand-in.
const engines = "node_modules/@prisma/engines";
const hasNativeEngine = existsSync(engines) && readdirSync(engines).some((file) => file.startsWith("schema-engine"));
const env = { ...process.env };
if (!hasNativeEngine && env.PRISMA_SCHEMA_ENGINE_BINARY === undefined) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.platform === "win32" ? process.execPath : "/bin/false";
  env.PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING = "1";
}
const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
