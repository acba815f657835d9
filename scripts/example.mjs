// `npm run example`: the quick start. Generates the bundled bookstore example (fixtures/bookstore: OpenAPI 3.1 +
// Prisma) into .example/bookstore-api, creates its tables in an embedded SQLite database and starts the server.
// The generated project uses this repository's installed packages (a symlinked node_modules, the same versions its
// package.json pins), so nothing more is downloaded; in a project of your own, `npm install` does the same.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, ".example", "bookstore-api");

function run({ command, args, cwd }) {
  console.log(`\n$ ${[command, ...args].join(" ")}${cwd === root ? "" : `   (in ${relative(root, cwd)})`}`);
  const result = spawnSync(command, args, { cwd, stdio: "inherit", env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "file:./dev.db" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run({
  command: process.execPath,
  args: ["bin/vx-gen.js", "generate", "--openapi", "fixtures/bookstore/openapi.yaml", "--prisma", "fixtures/bookstore/schema.prisma", "--target", "fastify", "--out", relative(root, out)],
  cwd: root,
});
mkdirSync(out, { recursive: true });
if (!existsSync(join(out, "node_modules"))) symlinkSync(join(root, "node_modules"), join(out, "node_modules"), "dir");
run({ command: "npm", args: ["run", "db:push"], cwd: out });
console.log("\nStarting the bookstore API: try `curl localhost:3000/api/v1/authors` and open http://localhost:3000/docs (Ctrl-C stops it).");
run({ command: "npm", args: ["start"], cwd: out });
