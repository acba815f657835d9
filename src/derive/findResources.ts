import type { ApiModel, NamedSchema, Operation, SchemaNode } from "../ir/types.js";
import { pascalCase } from "../naming/caseConversion.js";
import { collectionItemSchema, jsonContentSchema, objectProperties, schemaName, successResponseSchema } from "../binding/schemaLookup.js";

/** A path parameter that selects one record of a collection (`/books/{bookId}`). */
export interface ResourceKey {
  parameter: string;
  schema: SchemaNode;
}

/** A named object schema the API serves as a collection (`/books` + `/books/{id}` exchanging `Book`). */
export interface Resource {
  schema: string;
  /** The collection path segments that serve it (`books`), sorted. */
  collections: string[];
  /** The item paths' parameters, by parameter name (sorted). */
  keys: ResourceKey[];
  /** The CRUD-shaped operations that show it (`GET /books`...), sorted. */
  operations: string[];
  /** The request bodies of its collection's POST, PUT and PATCH (their properties the schema lacks are columns too). */
  bodies: SchemaNode[];
  /** The request bodies of its collection's POST (creates). */
  createBodies: SchemaNode[];
  /** The object schema it is, when the document writes it inline (`schema` is then a name made from the path). */
  inline?: SchemaNode;
}

type Vote = { schema: string; weight: number; inline?: SchemaNode };

/** The vote of an object schema written inline (no name): it stands for the collection itself. */
const inlineVote = "\u0000inline";

/** The named object schema a node stands for (directly, or through a one-member allOf), if any. */
function namedObject({ node, schemas }: { node: SchemaNode | undefined; schemas: Map<string, NamedSchema> }): string | undefined {
  if (!node) return undefined;
  const name = schemaName({ node, schemas });
  return name !== undefined && objectProperties({ node, schemas }) !== undefined ? name : undefined;
}

/** What one operation says about its collection: the schemas it exchanges (responses weigh more than bodies). */
function votesOf({ op, item, schemas }: { op: Operation; item: boolean; schemas: Map<string, NamedSchema> }): Vote[] {
  const response = successResponseSchema(op);
  const body = op.requestBody ? jsonContentSchema(op.requestBody.content) : undefined;
  const votes: Vote[] = [];
  const add = (node: SchemaNode | undefined, weight: number) => {
    const schema = namedObject({ node, schemas });
    if (schema !== undefined) votes.push({ schema, weight });
    else if (node && (node.kind === "object" || node.kind === "intersection") && objectProperties({ node, schemas })?.length) votes.push({ schema: inlineVote, weight, inline: node });
  };
  if (!item && op.method === "get") add(response ? collectionItemSchema({ node: response, schemas }) : undefined, 3);
  if (item && op.method === "get") add(response, 3);
  if (op.method === "post" || op.method === "put" || op.method === "patch") {
    if (!(item && op.method === "post")) add(response, 2);
    add(body, op.method === "patch" ? 0.5 : 1);
  }
  return votes;
}

interface Collection {
  votes: Map<string, number>;
  /** The inline object schema with the heaviest vote (the first of equals). */
  inline?: { node: SchemaNode; weight: number };
  createBodies: SchemaNode[];
  /** A GET on the collection path answers a list. */
  listed: boolean;
  bodies: SchemaNode[];
  keys: Map<string, SchemaNode>;
  operations: string[];
}

/** `/authors/{authorId}/books/{bookId}` -> collection `books`, item parameter `bookId`; other shapes are not CRUD. */
function collectionOf(path: string): { segment: string; parameter?: string } | undefined {
  const parts = path.split("/").filter((p) => p.length > 0);
  const last = parts.at(-1);
  const param = (part: string | undefined) => /^\{([^}]+)\}$/.exec(part ?? "")?.[1];
  if (last === undefined) return undefined;
  const lastParam = param(last);
  if (lastParam === undefined) return { segment: last };
  const segment = parts.at(-2);
  return segment !== undefined && param(segment) === undefined ? { segment, parameter: lastParam } : undefined;
}

function collect({ api, schemas }: { api: ApiModel; schemas: Map<string, NamedSchema> }): Map<string, Collection> {
  const collections = new Map<string, Collection>();
  for (const op of api.operations) {
    if (op.binding.kind === "accounts") continue;
    const place = collectionOf(op.path);
    if (!place) continue;
    const entry = collections.get(place.segment) ?? { votes: new Map<string, number>(), createBodies: [], listed: false, bodies: [], keys: new Map<string, SchemaNode>(), operations: [] };
    const votes = votesOf({ op, item: place.parameter !== undefined, schemas });
    if (place.parameter === undefined && op.method === "get" && votes.length > 0) entry.listed = true;
    for (const vote of votes) entry.votes.set(vote.schema, (entry.votes.get(vote.schema) ?? 0) + vote.weight);
    for (const vote of votes) if (vote.inline && vote.weight > (entry.inline?.weight ?? 0)) entry.inline = { node: vote.inline, weight: vote.weight };
    const parameter = place.parameter === undefined ? undefined : op.parameters.find((p) => p.in === "path" && p.name === place.parameter);
    const body = op.method === "get" || !op.requestBody ? undefined : jsonContentSchema(op.requestBody.content);
    if (body) entry.bodies.push(body);
    if (body && op.method === "post" && place.parameter === undefined) entry.createBodies.push(body);
    if (parameter && !entry.keys.has(parameter.name)) entry.keys.set(parameter.name, parameter.schema);
    if (votes.length > 0 || parameter) entry.operations.push(`${op.method.toUpperCase()} ${op.path}`);
    collections.set(place.segment, entry);
  }
  return collections;
}

/** The schema a collection serves: the most votes, then the name closest to the segment, then the first by name. */
function winner({ segment, votes }: { segment: string; votes: Map<string, number> }): string | undefined {
  const word = segment.toLowerCase().replace(/[^a-z0-9]/g, "");
  const close = (name: string) => (word.startsWith(name.toLowerCase().replace(/[^a-z0-9]/g, "")) ? 1 : 0);
  return [...votes.entries()]
    .filter(([, weight]) => weight >= 1)
    .sort(([a, wa], [b, wb]) => wb - wa || close(b) - close(a) || (a < b ? -1 : a > b ? 1 : 0))[0]?.[0];
}

/** `pets` -> `Pet`: the English singular of a collection segment, PascalCase, free among the schema names. */
function inlineName({ segment, schemas, bySchema }: { segment: string; schemas: Map<string, NamedSchema>; bySchema: Map<string, Resource> }): string {
  const words = segment.replace(/[^A-Za-z0-9]+/g, " ").trim();
  const singular = words.replace(/ies$/i, "y").replace(/(ss|sh|ch|x|z)es$/i, "$1").replace(/([^s])s$/i, "$1");
  const base = pascalCase(singular === "" ? "Record" : singular);
  let name = base;
  for (let n = 2; schemas.has(name) || bySchema.has(name); n++) name = `${base}${n}`;
  return name;
}

/**
 * The resources of an API: each collection path segment (`/books`, `/books/{id}`, `/authors/{authorId}/books`) with
 * the named object schema its list items, item answers and bodies exchange; a schema served by several collections is
 * one resource. Sorted by schema name; never depends on the order of paths or operations.
 */
export function findResources(api: ApiModel): Resource[] {
  const schemas = new Map(api.schemas.map((s) => [s.name, s]));
  const bySchema = new Map<string, Resource>();
  for (const [segment, entry] of collect({ api, schemas })) {
    // A collection is listed or has item paths: a POST alone (`/books/{id}/publish`, `/login`) is an action.
    if (!entry.listed && entry.keys.size === 0) continue;
    const chosen = winner({ segment, votes: entry.votes });
    if (chosen === undefined) continue;
    const schema = chosen === inlineVote ? inlineName({ segment, schemas, bySchema }) : chosen;
    const resource = bySchema.get(schema) ?? { schema, collections: [], keys: [], operations: [], bodies: [], createBodies: [], ...(chosen === inlineVote && entry.inline ? { inline: entry.inline.node } : {}) };
    resource.collections.push(segment);
    for (const [parameter, node] of entry.keys) if (!resource.keys.some((k) => k.parameter === parameter)) resource.keys.push({ parameter, schema: node });
    resource.operations.push(...entry.operations);
    resource.bodies.push(...entry.bodies);
    resource.createBodies.push(...entry.createBodies);
    bySchema.set(schema, resource);
  }
  const byName = <T>(list: T[], key: (t: T) => string) => list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return byName([...bySchema.values()], (r) => r.schema).map((r) => ({
    ...r,
    collections: [...r.collections].sort(),
    keys: byName(r.keys, (k) => k.parameter),
    operations: [...new Set(r.operations)].sort(),
  }));
}
