// Validator benchmark (`npm run bench:validators`, after `npm run build`): validates the same 10,000 typical request
// bodies (an order with a customer, an address and 1-8 line items; 10% of them invalid) with
//   1. the module from generateValidatorSource (precompiled Ajv standalone code, what the generated Fastify server
//      runs since its validators are compiled at generation time; and, for diagnosis, the raw Ajv function inside it
//      without the error mapping),
//   2. Ajv compiling the same schema at run time (allErrors, formats: the same checks; what the Fastify target did at
//      start-up before),
//   3. zod 3: a hand-written equivalent of the schema, below (`orderZod`). Written by hand because no zod option is
//      offered by the generator: an off-the-shelf JSON Schema -> zod conversion scores ~70% on the JSON Schema Test
//      Suite, where the generated validators score 98%. It checks the same constraints (formats with ajv-formats' own
//      regular expressions and functions, strict objects where additionalProperties is false, passthrough elsewhere so
//      nothing is copied or stripped); lengths count UTF-16 units where JSON Schema counts code points (the data is
//      ASCII); it stops at nothing either (zod reports all issues).
// in one process (alternating, best and median of N passes), on all, the valid and the invalid bodies, and prints time
// per body and ratios to the generated module. All report all errors; the generated one also maps them to
// { field, message, keyword }. Also compares start-up on the bookstore fixture (compiling its request-side schemas at
// run time as the Fastify target did vs importing one generated module) and times generateValidatorModule on the
// Stripe spec's components (819 schemas) when the corpus exists.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { parse } from "yaml";
import { z } from "zod";
import { generateValidatorSource } from "../dist/src/validators/generateValidatorSource.js";
import { generateValidatorModule } from "../dist/src/validators/generateValidatorModule.js";
import { operationValidatorSchemas } from "../dist/src/validators/operationValidatorSchemas.js";
import { buildIr } from "../dist/src/pipeline/buildIr.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The options the Fastify target's two run-time Ajv instances had (template `validation.ts` before validators were
 * precompiled): bodies never coerced, parameters coerced ("array") with defaults.
 */
function previousFastifyAjvOptions({ coerce }) {
  return {
    allErrors: true,
    strict: false,
    logger: false,
    removeAdditional: false,
    useDefaults: coerce,
    coerceTypes: coerce ? "array" : false,
  };
}
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

// The same schema in zod 3, by hand (see the header).
const dateTime = fullFormats["date-time"].validate;
const zodStarted = performance.now();
const orderZod = z
  .object({
    customer: z
      .object({
        id: z.string().regex(fullFormats.uuid),
        email: z.string().regex(fullFormats.email).max(254),
        name: z.string().min(1).max(100).optional(),
      })
      .strict(),
    shipping: z
      .object({
        line1: z.string().min(1),
        city: z.string(),
        postcode: z
          .string()
          .regex(/^[A-Z0-9 -]{3,10}$/u)
          .nullable()
          .optional(),
        country: z.enum(["DE", "FR", "GB", "NL", "US"]),
      })
      .passthrough()
      .optional(),
    currency: z.string().regex(/^[A-Z]{3}$/u),
    items: z
      .array(
        z
          .object({
            sku: z.string().regex(/^[A-Z]{3}-[0-9]{4}$/u),
            quantity: z.number().int().min(1).max(1000),
            price: z.number().gt(0),
            tags: z
              .array(z.string())
              .refine((tags) => new Set(tags).size === tags.length, "must not contain duplicate items")
              .optional(),
          })
          .strict(),
      )
      .min(1)
      .max(50),
    note: z.string().max(500).optional(),
    deliverAfter: z
      .string()
      .refine((value) => dateTime(value), "must be a date-time")
      .optional(),
  })
  .strict();
const zodStartup = performance.now() - zodStarted;

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
function measureAll({ contenders, data: dataSet }) {
  const times = contenders.map(() => []);
  const valid = contenders.map(() => 0);
  for (let round = 0; round < rounds + 2; round++) {
    const order = round % 2 === 0 ? contenders.map((_, i) => i) : contenders.map((_, i) => contenders.length - 1 - i);
    for (const i of order) {
      const validate = contenders[i];
      let count = 0;
      const started = performance.now();
      for (const data of dataSet) if (validate(data)) count++;
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

// The raw Ajv function inside the same module, without the { valid, errors } wrapper (diagnosis only: not exported by
// generated modules), to separate the cost of the generated code from the cost of the error mapping.
const rawFile = join(outDir, "order-validator-raw.mjs");
writeFileSync(rawFile, `${source}\nexport const vxBenchRaw = vxRaw0;\n`);
const generatedRaw = (await import(pathToFileURL(rawFile).href)).vxBenchRaw;

// 2. Ajv, compiled at run time.
started = performance.now();
const ajv = new Ajv2020.default({ allErrors: true, strict: false });
addFormats.default(ajv);
const ajvValidate = ajv.compile(schema);
const ajvStartup = performance.now() - started;

// 3. zod (hand-written equivalent).
const zodValidate = (d) => orderZod.safeParse(d).success;

const validBodies = bodies.filter((b) => ajvValidate(b));
const invalidBodies = bodies.filter((b) => !ajvValidate(b));
const contenders = [
  {
    name: "vx-gen generated (precompiled, errors mapped)",
    startup: generatedStartup,
    validate: (d) => generated(d).valid,
  },
  { name: "  same module, raw Ajv function (diagnosis)", startup: generatedStartup, validate: (d) => generatedRaw(d) },
  { name: "Ajv 2020 at run time (allErrors, formats)", startup: ajvStartup, validate: (d) => ajvValidate(d) },
  { name: "zod 3 (hand-written equivalent)", startup: zodStartup, validate: zodValidate },
];
const sets = [
  { label: "all", data: bodies },
  { label: "valid", data: validBodies },
  { label: "invalid", data: invalidBodies },
];
const results = sets.map((set) => measureAll({ contenders: contenders.map((c) => c.validate), data: set.data }));
results.forEach((result, i) => {
  if (result.some((r) => r.valid !== result[0].valid))
    throw new Error(`validators disagree on ${sets[i].label}: ${result.map((r) => r.valid).join(" vs ")}`);
});

console.log(
  `\nValidating ${count} order bodies (${validBodies.length} valid, ${invalidBodies.length} invalid), ${rounds} alternating passes each, Node ${process.version}`,
);
console.log(`generateValidatorSource: ${generateMs.toFixed(1)} ms, module ${(source.length / 1024).toFixed(1)} KiB`);
console.log("Time per body (best pass; median in parentheses); ratio = time / generated module's time (best)\n");
const perBody = (ms, n) => ((ms * 1000) / n).toFixed(2);
const header = [
  "validator",
  "startup ms",
  ...sets.map((set) => `${set.label} (${set.data.length}) us/body`),
  "ratio all",
  "ratio valid",
  "ratio invalid",
];
const table = contenders.map((c, i) => [
  c.name,
  c.startup.toFixed(1),
  ...sets.map(
    (set, k) => `${perBody(results[k][i].best, set.data.length)} (${perBody(results[k][i].median, set.data.length)})`,
  ),
  ...sets.map((_, k) => `${(results[k][i].best / results[k][0].best).toFixed(2)}x`),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of table) console.log(line(row));

// Start-up on a realistic set: every request body (body instance) and parameter group (coercing instance) of the
// bookstore fixture, compiled as the generated server did before its validators were precompiled (shared definitions added once under an $id) vs importing
// one generated module holding the same validators.
{
  const { ir } = await buildIr({
    openapi: join(root, "fixtures", "bookstore", "openapi.yaml"),
    prisma: join(root, "fixtures", "bookstore", "schema.prisma"),
  });
  const { defs, schemas: all } = operationValidatorSchemas({ api: ir.api });
  const requestSide = Object.fromEntries(Object.entries(all).filter(([name]) => !name.includes(".response.")));
  const names = Object.keys(requestSide);
  started = performance.now();
  const moduleSource = generateValidatorModule({ dialect: "openapi-3.1", defs, schemas: requestSide });
  const moduleMs = performance.now() - started;
  const moduleFile = join(outDir, "bookstore-validators.mjs");
  writeFileSync(moduleFile, moduleSource);
  started = performance.now();
  await import(pathToFileURL(moduleFile).href);
  const importMs = performance.now() - started;
  const rewrite = (value) => JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"vx:request#/$defs/'));
  started = performance.now();
  const bodiesAjv = new Ajv2020.default(previousFastifyAjvOptions({ coerce: false }));
  addFormats.default(bodiesAjv);
  const parametersAjv = new Ajv2020.default(previousFastifyAjvOptions({ coerce: true }));
  addFormats.default(parametersAjv);
  for (const instance of [bodiesAjv, parametersAjv]) instance.addSchema({ $id: "vx:request", $defs: rewrite(defs) });
  for (const name of names)
    (name.includes(".request.") ? bodiesAjv : parametersAjv).compile(rewrite(requestSide[name]));
  const compileMs = performance.now() - started;
  console.log(
    `\nBookstore fixture, ${names.length} request-side validators (bodies + parameter groups, ${Object.keys(defs).length} definitions):`,
  );
  console.log(
    `  generated module: generateValidatorModule ${moduleMs.toFixed(0)} ms at generation time (${(moduleSource.length / 1024).toFixed(0)} KiB), import ${importMs.toFixed(1)} ms at start-up`,
  );
  console.log(
    `  run-time Ajv (the Fastify target's two instances before precompiling): compile ${compileMs.toFixed(1)} ms at start-up`,
  );
}

// Patterns run on RE2 (re2js), in time linear in the input: the classic catastrophic pattern ^(a+)+$ against 10,000
// and 100,000 characters and a final "!" (a backtracking RegExp already takes seconds at 30). Target: the 10,000-
// character check well under 10 ms (best of 5), and the 100,000-character one about 10 times that (linear).
{
  const patternSource = generateValidatorSource({
    schema: { type: "object", properties: { note: { type: "string", pattern: "^(a+)+$" } } },
    dialect: "openapi-3.1",
  });
  const patternFile = join(outDir, "adversarial-pattern.mjs");
  writeFileSync(patternFile, patternSource);
  const validatePattern = (await import(pathToFileURL(patternFile).href)).default;
  const bestOf = (value) => {
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      if (validatePattern({ note: value }).valid) throw new Error("the adversarial input was accepted");
      times.push(performance.now() - t0);
    }
    return Math.min(...times);
  };
  const short = bestOf(`${"a".repeat(10_000)}!`);
  const long = bestOf(`${"a".repeat(100_000)}!`);
  console.log(
    `\nAdversarial pattern ^(a+)+$ on re2js: 10,000 characters ${short.toFixed(2)} ms (target < 10), 100,000 characters ${long.toFixed(2)} ms (ratio ${(long / short).toFixed(1)}, linear is ~10)`,
  );
}

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
