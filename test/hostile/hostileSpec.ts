import { seededRandom } from "../helpers/seededRandom.js";

/** The canary: code that, if a spec string ever runs, writes a marker file (path from VX_CANARY_FILE). */
export const canaryCode = `globalThis.process.getBuiltinModule("fs").writeFileSync(globalThis.process.env.VX_CANARY_FILE ?? "vx-canary", "fired")`;

/** Payloads, one per context a string can escape from, each running the canary when it does. */
export const payloads: readonly string[] = [
  `x\${${canaryCode}}`,
  `\`;${canaryCode};\``,
  `\\\`;${canaryCode};//`,
  `\\\${${canaryCode}}`,
  `*/ ${canaryCode}; /*`,
  `a\n${canaryCode};//`,
  `a\r\n${canaryCode};//`,
  `a\u2028${canaryCode};//`,
  `a\u2029${canaryCode};//`,
  `";${canaryCode};"`,
  `';${canaryCode};'`,
  `</script><script>${canaryCode}</script>`,
  `nul\u0000byte \ud800 lone`,
  `# heading\n- [link](javascript:x) | table | <b>&amp;`,
];

/** Names plain objects inherit, Windows device names and path traversal. */
export const hostileNames: readonly string[] = [
  "__proto__",
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "con",
  "NUL.txt",
  "aux",
  "com1",
  "../../escape",
  "..\\..\\escape",
];

/** Payloads that can stand in a single line (Prisma `///` comments end at the line's end). */
const oneLine = payloads.filter((p) => !/[\r\n\u2028\u2029\0]/.test(p));

/** Path text that a route can hold (no `{`, `}`, `?`, `#` or `%`): quotes, backtick, backslash, `$`, `*\/`, `<`. */
const pathSafe = (text: string): string => text.replace(/[{}?#%\s\u2028\u2029\0\ud800-\udfff]/g, "_");

export interface HostileInput {
  openapi: Record<string, unknown>;
  prisma: string;
  /** Every slot a payload or a hostile name was put in, as a JSON-pointer-like description. */
  slots: string[];
}

/**
 * A seeded OpenAPI 3.1 document and Prisma schema with a payload or a hostile name in every string slot: title,
 * version, descriptions, summaries, operationIds, tags, path keys, parameter / property / enum / security-scheme
 * names, defaults, examples, server URLs, Prisma doc comments. Bound CRUD operations on `/items` keep real generated
 * tests (with hostile titles); the others are scaffolded (todo tests, 501 handlers) with hostile names everywhere.
 */
export function hostileSpec(seed: number): HostileInput {
  const random = seededRandom(seed);
  const slots: string[] = [];
  let next = Math.floor(random() * payloads.length);
  const pick = (slot: string): string => {
    slots.push(slot);
    return payloads[next++ % payloads.length] as string;
  };
  const line = (slot: string): string => {
    slots.push(slot);
    return oneLine[next++ % oneLine.length] as string;
  };
  const itemSchema = {
    type: "object",
    description: pick("components/schemas/Item/description"),
    required: ["name"],
    properties: {
      id: { type: "integer", readOnly: true, description: pick("Item/id/description") },
      name: {
        type: "string",
        maxLength: 400,
        description: pick("Item/name/description"),
        default: pick("Item/name/default"),
        examples: [pick("Item/name/examples")],
      },
    },
  };
  const hostileProperties: Record<string, unknown> = {};
  for (const name of hostileNames.filter((n) => n !== "__proto__")) {
    hostileProperties[name] = {
      type: "string",
      description: pick(`Hostile/${name}/description`),
      example: pick(`Hostile/${name}/example`),
    };
  }
  // Defined, not assigned: assigning `__proto__` would set the prototype.
  Object.defineProperty(hostileProperties, "__proto__", {
    value: { type: "string", description: pick("Hostile/__proto__/description") },
    enumerable: true,
    writable: true,
    configurable: true,
  });
  hostileProperties[pathSafe(line("Hostile/<payload>/name"))] = { type: "string" };
  hostileProperties.kind = {
    type: "string",
    enum: [...hostileNames, ...payloads.slice(0, 6)],
    description: "enum values",
  };
  slots.push("Hostile/properties (Object.prototype, device and traversal names)", "Hostile/kind/enum");
  const schemeNames = ["__proto__", "constructor", "con", "NUL.txt"]; // component names match ^[a-zA-Z0-9._-]+$
  slots.push("components/securitySchemes names", "x-vx-roles of /secured/others (every payload and hostile name)");
  const securitySchemes = Object.fromEntries(
    schemeNames.map((name, i) => [
      name,
      {
        type: "apiKey",
        in: i % 2 === 0 ? "header" : "query",
        name: i % 2 === 0 ? `x-key-${i}` : line(`securitySchemes/${i}/name (query)`),
        description: pick(`securitySchemes/${i}/description`),
      },
    ]),
  );
  const parameters = [
    ...["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"].map((name) => ({
      name,
      in: "query",
      description: pick(`query ${name}/description`),
      schema: { type: "string", default: pick(`query ${name}/default`) },
    })),
    ...["constructor", "toString", "valueOf"].map((name) => ({ name, in: "header", schema: { type: "string" } })),
    ...["__proto__", "constructor"].map((name) => ({ name, in: "cookie", schema: { type: "string" } })),
  ];
  slots.push("query/header/cookie parameter names (Object.prototype names)");
  const hostileOperation = (operationId: string, extra: Record<string, unknown> = {}) => ({
    operationId,
    summary: pick(`${operationId}/summary`),
    description: pick(`${operationId}/description`),
    tags: [hostileNames[next % hostileNames.length], pick(`${operationId}/tags`)],
    responses: {
      "200": {
        description: pick(`${operationId}/responses/200`),
        content: { "application/json": { schema: { type: "object" } } },
      },
    },
    ...extra,
  });
  slots.push("operation tags (hostile names and payloads)", "first tags: every payload as a group's name");
  const openapi = {
    openapi: "3.1.0",
    info: {
      title: pick("info/title"),
      version: pick("info/version"),
      description: pick("info/description"),
      summary: pick("info/summary"),
    },
    servers: [
      { url: "http://localhost/api/v1", description: pick("servers/0/description") },
      { url: `http://example.com/${pick("servers/1/url")}` },
    ],
    tags: [{ name: "items", description: pick("tags/items/description") }],
    paths: {
      "/items": {
        get: {
          operationId: pick("listItems operationId"),
          summary: pick("listItems/summary"),
          tags: ["items"],
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Item" } } },
              },
            },
          },
        },
        post: {
          operationId: pick("createItem operationId"),
          tags: ["items"],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/Item" },
                example: { name: pick("createItem/requestBody/example") },
              },
            },
          },
          responses: {
            "201": {
              description: "created",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } },
            },
          },
        },
      },
      "/items/{itemId}": {
        get: {
          operationId: pick("getItem operationId"),
          tags: ["items"],
          parameters: [
            {
              name: "itemId",
              in: "path",
              required: true,
              description: pick("itemId/description"),
              schema: { type: "integer" },
              example: 1,
            },
          ],
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } },
            },
            "404": { description: "not found" },
          },
        },
      },
      [`/h/${pathSafe(line("path key (literal)"))}`]: { get: hostileOperation("__proto__") },
      "/p/{__proto__}/{constructor}/{toString}": {
        get: hostileOperation("constructor", {
          parameters: ["__proto__", "constructor", "toString"].map((name) => ({
            name,
            in: "path",
            required: true,
            schema: { type: "string" },
          })),
        }),
      },
      "/q": { get: hostileOperation(`toString\`\\${"`"}`, { parameters }) },
      "/body": {
        post: hostileOperation(`op\\\`\${${canaryCode}}`, {
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/Hostile" } } },
          },
        }),
      },
      // A multipart upload: file parts under hostile names (and a payload), their allowed media types a payload.
      "/upload": {
        post: hostileOperation("upload", {
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  properties: Object.fromEntries([
                    ...hostileNames.map((name) => [name, { type: "string", format: "binary" }]),
                    [pathSafe(line("upload/<payload>/name")), { type: "string", format: "binary" }],
                    ["caption", { type: "string", description: pick("upload/caption/description") }],
                  ]),
                },
                encoding: { constructor: { contentType: pick("upload/encoding/contentType") } },
              },
            },
          },
        }),
      },
      "/secured/proto": { get: hostileOperation("securedProto", { security: [{ ["__proto__"]: [] }] }) },
      "/secured/undefined": { get: hostileOperation("securedUndefined", { security: [{ valueOf: [] }] }) },
      "/secured/others": {
        get: hostileOperation("con", {
          security: [{ constructor: [] }, { con: [] }, { [schemeNames[3] as string]: [] }],
          // Role names are data in the route row: every payload and hostile name.
          "x-vx-roles": [...payloads, ...hostileNames],
        }),
      },
      // Every payload as the first tag of an operation with a query parameter: the name of its group, whose modules
      // (types, routes, validators, todo tests) describe it in comments.
      ...Object.fromEntries(
        payloads.map((payload, index) => [
          `/tagged/${index}`,
          { get: { operationId: `tagged${index}`, tags: [payload], parameters: [{ name: "n", in: "query", schema: { type: "integer" } }], responses: { "200": { description: "ok" } } } },
        ]),
      ),
    },
    components: {
      schemas: {
        Item: itemSchema,
        Hostile: { type: "object", description: pick("Hostile/description"), properties: hostileProperties },
      },
      securitySchemes,
    },
  };
  slots.push(
    "path keys with parameters __proto__, constructor, toString",
    "operationIds: payloads and Object.prototype / device names",
  );
  const prisma = [
    `// ${line("Prisma line comment")}`,
    `datasource db {`,
    `  provider = "sqlite"`,
    `}`,
    ``,
    `/// ${line("Prisma model doc comment")}`,
    `/// ${line("Prisma model doc comment, second line")}`,
    `model Item {`,
    `  /// ${line("Prisma field doc comment (id)")}`,
    `  id   Int    @id @default(autoincrement())`,
    `  /// ${line("Prisma field doc comment (name)")}`,
    `  name String`,
    `}`,
    ``,
  ].join("\n");
  return { openapi, prisma, slots };
}
