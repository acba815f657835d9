// Validator benchmark (`npm run bench:validators`, after `npm run build`): validates the same 10,000 typical request
// bodies (an order with a customer, an address and 1-8 line items; 10% of them invalid) with
//   1. the module from generateValidatorSource (precompiled Ajv standalone code, what generated servers use),
//   2. Ajv compiling the same schema at run time (allErrors, formats: the same checks),
// in one process (alternating, best and median of N passes), and prints time per pass, throughput and ratios. Both report all errors; the generated one
// also maps them to { field, message, keyword }. zod is not installed in this project (no zod option is offered), so
// it has no row. Also times generateValidatorModule on the Stripe spec's components (819 schemas) when the corpus exists.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { generateValidatorSource } from "../dist/src/validators/generateValidatorSource.js";
import { generateValidatorModule } from "../dist/src/validators/generateValidatorModule.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "test", ".out", "bench");
mkdirSync(outDir, { recursive: true });
const rounds = Number(process.env.VX_BENCH_ROUNDS ?? 15);
const count = 10_000;

const schema = {
  type: "object",
  additionalProperties: false,
  required: ["customer", "items", "currency"],
  properties: {
    customer: {
      type: "object",
      additionalProperties: false,
      required: ["id", "email"],
      properties: {
        id: { type: "string", format: "uuid" },
        email: { type: "string", format: "email", maxLength: 254 },
        name: { type: "string", minLength: 1, maxLength: 100 },
      },
    },
    shipping: {
      type: "object",
      required: ["line1", "city", "country"],
      properties: {
        line1: { type: "string", minLength: 1 },
        city: { type: "string" },
        postcode: { type: ["string", "null"], pattern: "^[A-Z0-9 -]{3,10}$" },
        country: { type: "string", enum: ["DE", "FR", "GB", "NL", "US"] },
      },
    },
    currency: { type: "string", pattern: "^[A-Z]{3}$" },
    items: {
      type: "array",
      minItems: 1,
      maxItems: 50,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["sku", "quantity", "price"],
        properties: {
          sku: { type: "string", pattern: "^[A-Z]{3}-[0-9]{4}$" },
          quantity: { type: "integer", minimum: 1, maximum: 1000, format: "int32" },
          price: { type: "number", exclusiveMinimum: 0 },
          tags: { type: "array", items: { type: "string" }, uniqueItems: true },
        },
      },
    },
    note: { type: "string", maxLength: 500 },
    deliverAfter: { type: "string", format: "date-time" },
  },
};

// Deterministic data (mulberry32).
let seed = 42;
function random() {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const hex = (n) => Array.from({ length: n }, () => pick([..."0123456789abcdef"])).join("");

function body(i) {
  const items = Array.from({ length: 1 + Math.floor(random() * 8) }, (_, j) => ({
    sku: `${pick(["ABC", "XYZ", "QRS"])}-${String(1000 + Math.floor(random() * 9000))}`,
    quantity: 1 + Math.floor(random() * 20),
    price: Math.round(random() * 10000) / 100 + 0.01,
    ...(j % 2 === 0 ? { tags: ["gift", "fragile"].slice(0, 1 + (j % 2)) } : {}),
  }));
  const order = {
    customer: {
      id: `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
      email: `user${i}@example.com`,
      name: `User ${i}`,
    },
    shipping: {
      line1: `${i} Main Street`,
      city: "Springfield",
      postcode: random() < 0.2 ? null : "AB1 2CD",
      country: pick(["DE", "FR", "GB", "NL", "US"]),
    },
    currency: "EUR",
    items,
    ...(i % 3 === 0 ? { note: "Leave at the door" } : {}),
    ...(i % 4 === 0 ? { deliverAfter: "2024-06-01T09:00:00Z" } : {}),
  };
  if (i % 10 === 9) {
    // 10% invalid, in different ways.
    const faults = [
      () => (order.customer.email = "not-an-email"),
      () => (order.items[0].quantity = "3"),
      () => (order.items[0].sku = "abc-1"),
      () => (order.extra = true),
      () => (order.currency = 978),
    ];
    pick(faults)();
  }
  return order;
}
const bodies = Array.from({ length: count }, (_, i) => body(i));

/**
 * Runs every contender once per round, alternating which goes first, so load from other processes on a shared machine
 * hits all of them alike; reports the best and the median pass of each.
 */
function measureAll(contenders) {
  const times = contenders.map(() => []);
  const valid = contenders.map(() => 0);
  for (let round = 0; round < rounds + 2; round++) {
    const order = round % 2 === 0 ? contenders.map((_, i) => i) : contenders.map((_, i) => contenders.length - 1 - i);
    for (const i of order) {
      const validate = contenders[i];
      let count = 0;
      const started = performance.now();
      for (const data of bodies) if (validate(data)) count++;
      if (round >= 2) times[i].push(performance.now() - started);
      valid[i] = count;
    }
  }
  return times.map((list, i) => {
    list.sort((a, b) => a - b);
    return { best: list[0], median: list[Math.floor(list.length / 2)], valid: valid[i] };
  });
}

// 1. Generated module.
let started = performance.now();
const source = generateValidatorSource({ schema, dialect: "openapi-3.1" });
const generateMs = performance.now() - started;
const file = join(outDir, "order-validator.mjs");
writeFileSync(file, source);
started = performance.now();
const generated = (await import(pathToFileURL(file).href)).default;
const generatedStartup = performance.now() - started;

// 2. Ajv, compiled at run time.
started = performance.now();
const ajv = new Ajv2020.default({ allErrors: true, strict: false });
addFormats.default(ajv);
const ajvValidate = ajv.compile(schema);
const ajvStartup = performance.now() - started;

const [generatedTimes, ajvTimes] = measureAll([(d) => generated(d).valid, (d) => ajvValidate(d)]);
const rows = [
  { name: "vx-gen generated (precompiled)", startup: generatedStartup, ...generatedTimes },
  { name: "Ajv, compiled at run time", startup: ajvStartup, ...ajvTimes },
];
const base = rows[0].best;
if (rows.some((row) => row.valid !== rows[0].valid))
  throw new Error(`validators disagree: ${rows.map((r) => r.valid).join(" vs ")}`);

console.log(
  `\nValidating ${count} order bodies (${rows[0].valid} valid), ${rounds} alternating passes each, Node ${process.version}`,
);
console.log(`generateValidatorSource: ${generateMs.toFixed(1)} ms, module ${(source.length / 1024).toFixed(1)} KiB\n`);
const header = [
  "validator",
  "startup ms",
  "best ms / 10k",
  "median ms / 10k",
  "bodies/s (best)",
  "time vs generated (best)",
];
const table = rows.map((row) => [
  row.name,
  row.startup.toFixed(1),
  row.best.toFixed(1),
  row.median.toFixed(1),
  Math.round((count / row.best) * 1000).toLocaleString("en-US"),
  `${(row.best / base).toFixed(2)}x`,
]);
table.push(["zod (not installed; no zod option)", "n/a", "n/a", "n/a", "n/a", "n/a"]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of table) console.log(line(row));

const stripe = join(root, "..", "shared", "corpus", "openapi", "stripe", "spec3.yaml");
if (existsSync(stripe)) {
  const defs = parse(readFileSync(stripe, "utf8")).components.schemas;
  const schemas = Object.fromEntries(Object.keys(defs).map((name) => [name, { $ref: `#/components/schemas/${name}` }]));
  started = performance.now();
  const module = generateValidatorModule({ dialect: "openapi-3.0", defs, schemas });
  const ms = performance.now() - started;
  console.log(
    `\nStripe components: ${Object.keys(schemas).length} validators in one module in ${(ms / 1000).toFixed(1)} s (${(module.length / 1e6).toFixed(1)} MB)`,
  );
} else {
  console.log("\nStripe components: skipped (../shared/corpus/openapi/stripe/spec3.yaml not found)");
}
