// `npm run example`: the quick start. Generates the bundled bookstore example (fixtures/bookstore: OpenAPI 3.1 +
// Prisma) into .example/bookstore-api, creates its tables in an embedded SQLite database and starts the server.
// The generated project uses this repository's installed packages (a symlinked node_modules, the same versions its
// package.json pins), so nothing more is downloaded; in a project of your own, `npm install` does the same.
import { spawnSync } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
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

// The bookstore's member operations need a bearer JWT: the server refuses to start without JWT_SECRET, so the example gets a
// development secret of its own in its .env (kept between runs), and a token signed with it to try the API.
const envFile = join(out, ".env");
const envText = existsSync(envFile) ? readFileSync(envFile, "utf8") : "";
let secret = /^JWT_SECRET=(.+)$/m.exec(envText)?.[1]?.trim();
if (secret === undefined) {
  secret = randomBytes(32).toString("hex");
  appendFileSync(envFile, `${envText === "" || envText.endsWith("\n") ? "" : "\n"}# A development secret written by npm run example; never use it in production.\nJWT_SECRET=${secret}\n`);
  console.log(`\nWrote a development JWT_SECRET into ${relative(root, envFile)} (the server refuses to start without one).`);
}
const base64url = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const now = Math.floor(Date.now() / 1000);
const unsigned = `${base64url({ alg: "HS256", typ: "JWT" })}.${base64url({ sub: "example-user", iat: now, exp: now + 86400 })}`;
const token = `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`;
console.log(`\nA token for the member operations, which require one (valid for 24 hours):\n  export TOKEN=${token}\n  curl localhost:3000/api/v1/members -H "authorization: Bearer $TOKEN"`);
console.log("\nStarting the bookstore API: try `curl localhost:3000/api/v1/authors` and open http://localhost:3000/docs (Ctrl-C stops it).");
run({ command: "npm", args: ["start"], cwd: out });
