import type { Discriminator, JsonValue, NamedSchema, ObjectSchema, OpenApiSource, SchemaNode } from "../../ir/types.js";

/** A named schema whose own node (object or `allOf`) carries a discriminator: the parent of a polymorphic family. */
interface Parent {
  named: NamedSchema;
  discriminator: Discriminator;
}

function parentOf(named: NamedSchema): Parent | undefined {
  const node = named.schema;
  if ((node.kind === "object" || node.kind === "intersection") && node.discriminator) return { named, discriminator: node.discriminator };
  return undefined;
}

/** Whether `child` is an `allOf` child of the schema named `parent` (one of its members references it). */
function isAllOfChild({ child, parent }: { child: NamedSchema; parent: string }): boolean {
  return child.name !== parent && child.schema.kind === "intersection" && child.schema.members.some((m) => m.kind === "ref" && m.name === parent);
}

/**
 * The `allOf` chain from `target` up to (not including) `ancestor`: `[target, its parent, ...]`, the first found
 * breadth-first, or undefined when `target` does not descend from `ancestor` through `allOf` references.
 */
function allOfChain({ target, ancestor, byName }: { target: NamedSchema; ancestor: string; byName: ReadonlyMap<string, NamedSchema> }): NamedSchema[] | undefined {
  const queue: NamedSchema[][] = [[target]];
  const seen = new Set([target.name]);
  for (let chain = queue.shift(); chain !== undefined; chain = queue.shift()) {
    const last = chain[chain.length - 1] as NamedSchema;
    if (last.schema.kind !== "intersection") continue;
    for (const member of last.schema.members) {
      if (member.kind !== "ref") continue;
      if (member.name === ancestor) return chain;
      const next = byName.get(member.name);
      if (next && !seen.has(next.name)) {
        seen.add(next.name);
        queue.push([...chain, next]);
      }
    }
  }
  return undefined;
}

/**
 * The discriminator with the implicit mappings of its `allOf` children added (value: the child's name), after the
 * written ones, children sorted by name: OpenAPI's implicit mapping for the "discriminator on the parent" pattern.
 */
function completedMapping({ parent, schemas }: { parent: Parent; schemas: readonly NamedSchema[] }): Discriminator {
  const mapped = new Set(parent.discriminator.mapping.map((m) => m.schema));
  const implicit = schemas
    .filter((child) => isAllOfChild({ child, parent: parent.named.name }) && !mapped.has(child.name))
    .map((child) => child.name)
    .sort()
    .map((name) => ({ value: name, schema: name }));
  return { propertyName: parent.discriminator.propertyName, mapping: [...parent.discriminator.mapping, ...implicit] };
}

function narrowingNode({ propertyName, values, source }: { propertyName: string; values: string[]; source: OpenApiSource }): ObjectSchema {
  const common = { nullable: false, readOnly: false, writeOnly: false, deprecated: false, source };
  const [only] = values;
  const schema: SchemaNode =
    values.length === 1 && only !== undefined
      ? { kind: "const", value: only, ...common }
      : { kind: "enum", baseType: "string", values, ...common };
  return { kind: "object", properties: [{ name: propertyName, required: true, schema }], additionalProperties: true, ...common };
}

function narrowingJson({ propertyName, values }: { propertyName: string; values: string[] }): JsonValue {
  const property: JsonValue = values.length === 1 ? { const: values[0] as string } : { enum: values };
  return { properties: { [propertyName]: property }, required: [propertyName] };
}

interface Narrowing {
  propertyName: string;
  values: string[];
  source: OpenApiSource;
}

/** The child with one more `allOf` member per narrowing: the discriminator property is required and holds its value(s). */
function narrowedChild({ child, narrowings }: { child: NamedSchema; narrowings: Narrowing[] }): NamedSchema {
  const json = child.jsonSchema;
  if (child.schema.kind !== "intersection" || typeof json !== "object" || json === null || Array.isArray(json) || !Array.isArray(json.allOf)) return child;
  return {
    ...child,
    schema: { ...child.schema, members: [...child.schema.members, ...narrowings.map(narrowingNode)] },
    jsonSchema: { ...json, allOf: [...json.allOf, ...narrowings.map(narrowingJson)] },
  };
}

const copies = new WeakMap<NamedSchema, { key: string; copy: NamedSchema }>();

/** `make()`, made once per original and key: the same copy every run (so what is memoised by schema stays memoised). */
function copyOnce({ original, key, make }: { original: NamedSchema; key: string; make: () => NamedSchema }): NamedSchema {
  const hit = copies.get(original);
  if (hit?.key === key) return hit.copy;
  const copy = make();
  copies.set(original, { key, copy });
  return copy;
}

function withDiscriminator({ named, discriminator }: { named: NamedSchema; discriminator: Discriminator }): NamedSchema {
  const node = named.schema;
  if (node.kind !== "object" && node.kind !== "intersection") return named;
  return { ...named, schema: { ...node, discriminator } };
}

/**
 * The polymorphism pattern of many real specs: a parent schema with a discriminator, and children that are `allOf`
 * the parent plus their own properties. Each parent's mapping is completed with its implicit entries, and each child
 * that is an `allOf` child of its parent gets its discriminator property narrowed to its mapping value(s), in its
 * type (`Pet & {...} & { petType: "Cat" }`, so `switch (pet.petType)` narrows) and in its validator. Named schemas
 * are never changed in place (the reader's memo hands them to the next run): changed ones are copies.
 */
export function narrowDiscriminatedChildren({ schemas }: { schemas: readonly NamedSchema[] }): NamedSchema[] {
  const parents = schemas.map(parentOf).filter((p): p is Parent => p !== undefined);
  if (parents.length === 0) return [...schemas];
  const byName = new Map(schemas.map((s) => [s.name, s]));
  // Schema name -> discriminator property -> its narrowing (a schema may descend from two discriminated parents).
  const narrowings = new Map<string, Map<string, Narrowing>>();
  const completed = new Map<NamedSchema, Discriminator>();
  for (const parent of parents) {
    const discriminator = completedMapping({ parent, schemas });
    completed.set(parent.named, discriminator);
    const source = { ...parent.named.schema.source, pointer: `${parent.named.schema.source.pointer}/discriminator` };
    for (const { value, schema } of discriminator.mapping) {
      const target = byName.get(schema);
      const chain = target && allOfChain({ target, ancestor: parent.named.name, byName });
      // Each schema between the parent and the target allows the value: an intermediate schema (Car, between Vehicle
      // and Volvo) holds its own value and its descendants' ("Car" | "Volvo"), so every one of them stays valid.
      for (const link of chain ?? []) {
        const byProperty = narrowings.get(link.name) ?? new Map<string, Narrowing>();
        narrowings.set(link.name, byProperty);
        const previous = byProperty.get(discriminator.propertyName);
        if (previous?.values.includes(value)) continue;
        byProperty.set(discriminator.propertyName, { propertyName: discriminator.propertyName, values: [...(previous?.values ?? []), value], source: previous?.source ?? source });
      }
    }
  }
  return schemas.map((named) => {
    const discriminator = completed.get(named);
    const narrowing = [...(narrowings.get(named.name)?.values() ?? [])].sort((a, b) => (a.propertyName < b.propertyName ? -1 : a.propertyName > b.propertyName ? 1 : 0));
    if (narrowing.length === 0 && (!discriminator || discriminator.mapping.length === parentOf(named)?.discriminator.mapping.length)) return named;
    return copyOnce({
      original: named,
      key: JSON.stringify([discriminator ?? null, narrowing]),
      make: () => {
        const parent = discriminator ? withDiscriminator({ named, discriminator }) : named;
        return narrowing.length > 0 ? narrowedChild({ child: parent, narrowings: narrowing }) : parent;
      },
    });
  });
}
