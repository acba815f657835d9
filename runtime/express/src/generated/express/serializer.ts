export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Copies a value keeping only what its response schema documents. */
export type Projector = (value: unknown) => unknown;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isSchema(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const keep: Projector = (value) => value;

/** Whether a schema may describe an object (a branch `{ type: "null" }` of a nullable reference does not). */
function mayBeObject(schema: JsonObject): boolean {
  const type = schema.type;
  if (typeof type === "string") return type === "object";
  if (Array.isArray(type)) return type.includes("object");
  return true;
}

/**
 * Turns response schemas into projectors, once per schema when the app is created (references into
 * `vx-response.json#/$defs/` resolved lazily, so recursive schemas work): nothing is compiled per request. Objects keep
 * the properties their schema (and its `allOf`/`anyOf`/`oneOf` branches) lists, plus any `additionalProperties`
 * allows; arrays project their items; everything else is sent as it is. An object schema listing no properties and
 * not closing them (`{ type: "object" }`) is free-form and sent whole.
 */
export class ResponseProjectors {
  private readonly byName = new Map<string, Projector>();
  private readonly defs: Readonly<Record<string, unknown>>;

  /** `defs`: the named response schemas (`responseSchemas.$defs` of runtime/generatedData.ts). */
  constructor(defs: Readonly<Record<string, unknown>>) {
    this.defs = defs;
  }

  projector(schema: unknown): Projector {
    if (!isSchema(schema)) return keep;
    const ref = schema.$ref;
    if (typeof ref === "string") return this.named(ref);
    const properties = new Map<string, Projector>();
    let rest: Projector | "drop" | undefined;
    let items: Projector | undefined;
    let closed = false;
    const collect = (part: JsonObject): void => {
      if (isSchema(part.properties))
        for (const [name, sub] of Object.entries(part.properties))
          if (!properties.has(name)) properties.set(name, this.projector(sub));
      if (part.additionalProperties === false) closed = true;
      else if (isSchema(part.additionalProperties)) rest = this.projector(part.additionalProperties);
      else if (part.additionalProperties === true) rest = keep;
      if (part.items !== undefined && part.items !== false) items = this.projector(part.items);
    };
    collect(schema);
    const branches = [schema.allOf, schema.anyOf, schema.oneOf].flatMap((list) => (Array.isArray(list) ? list : []));
    // Each branch that may describe an object is projected by its own projector, merged below.
    const branchProjectors = branches
      .filter(isSchema)
      .filter(mayBeObject)
      .map((branch) => this.projector(branch));
    if (properties.size === 0 && rest === undefined && !closed && items === undefined && branchProjectors.length === 0)
      return keep;
    if (properties.size > 0 && rest === undefined) rest = "drop";
    return (value) => {
      if (Array.isArray(value)) return items === undefined ? value : value.map((item) => items?.(item));
      if (!isObject(value)) return value;
      // No prototype: a documented property may be named `__proto__`.
      const out: Record<string, unknown> = Object.create(null);
      for (const [name, project] of properties)
        if (Object.hasOwn(value, name) && value[name] !== undefined) out[name] = project(value[name]);
      for (const project of branchProjectors) {
        const projected = project(value);
        if (isObject(projected))
          for (const [name, item] of Object.entries(projected)) if (!Object.hasOwn(out, name)) out[name] = item;
      }
      if (rest !== undefined && rest !== "drop") {
        for (const [name, item] of Object.entries(value))
          if (!properties.has(name) && item !== undefined) out[name] = rest(item);
      } else if (rest === undefined && !closed && branchProjectors.length === 0) {
        for (const [name, item] of Object.entries(value))
          if (!Object.hasOwn(out, name) && item !== undefined) out[name] = item;
      }
      return out;
    };
  }

  /** `vx-response.json#/$defs/Pet` -> Pet's projector (made on first use; a cycle meets the one being made). */
  private named(ref: string): Projector {
    const known = this.byName.get(ref);
    if (known) return known;
    let made: Projector | undefined;
    const lazy: Projector = (value) => (made ??= this.resolve(ref))(value);
    this.byName.set(ref, lazy);
    return lazy;
  }

  private resolve(ref: string): Projector {
    const at = ref.indexOf("#/$defs/");
    if (at < 0) return keep;
    const name = decodeURIComponent(ref.slice(at + "#/$defs/".length))
      .replace(/~1/g, "/")
      .replace(/~0/g, "~");
    return this.projector(Object.hasOwn(this.defs, name) ? this.defs[name] : undefined);
  }
}

/** The schema documenting a status: the exact code, else its range (`4xx`), else `default`. */
export function responseSchemaOf({
  responses,
  status,
}: {
  responses: Readonly<Record<string, unknown>>;
  status: number;
}): unknown {
  for (const key of [String(status), `${String(status).charAt(0)}xx`, "default"])
    if (Object.hasOwn(responses, key)) return responses[key];
  return undefined;
}
