/** Small specs and schemas the generate/check/watch tests evolve: operations and models added, renamed, removed. */

export interface SpecShape {
  operations: { id: string; method: "get" | "post" | "delete"; path: string; param?: string }[];
  schemas: Record<string, Record<string, "string" | "integer">>;
}

export function petSpec(shape: SpecShape): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of shape.operations) {
    const item = (paths[op.path] ??= {});
    item[op.method] = {
      operationId: op.id,
      ...(op.param ? { parameters: [{ name: op.param, in: "path", required: true, schema: { type: "integer" } }] } : {}),
      responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } } },
    };
  }
  const schemas: Record<string, unknown> = {};
  for (const [name, props] of Object.entries(shape.schemas)) {
    schemas[name] = { type: "object", required: Object.keys(props).slice(0, 1), properties: Object.fromEntries(Object.entries(props).map(([p, type]) => [p, { type }])) };
  }
  return { openapi: "3.0.3", info: { title: "Pets", version: "1.0.0" }, paths, components: { schemas } };
}

export const v1: SpecShape = {
  operations: [
    { id: "listPets", method: "get", path: "/pets" },
    { id: "getPet", method: "get", path: "/pets/{petId}", param: "petId" },
  ],
  schemas: { Pet: { id: "integer", name: "string" } },
};

export function prismaSchema(models: Record<string, string[]>): string {
  const blocks = Object.entries(models).map(([name, fields]) => `model ${name} {\n  id Int @id @default(autoincrement())\n${fields.map((f) => `  ${f} String`).join("\n")}\n}\n`);
  return `datasource db {\n  provider = "sqlite"\n}\n\n${blocks.join("\n")}`;
}

/** The same JSON value with the keys of every object in a different (seeded, reproducible) order. */
export function shuffleKeys(value: unknown, seed = 7): unknown {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object") {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
      }
      return Object.fromEntries(keys.map((k) => [k, walk((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return walk(value);
}
