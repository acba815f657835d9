import fastJsonStringify, { type Schema } from "fast-json-stringify";
import type { FastifySerializerCompiler } from "fastify";

/** A JSON schema with the `$id` the routes' response schemas refer to (`vx-response.json#/$defs/...`). */
export interface SharedSchema {
  $id: string;
}

/**
 * Fastify's serializer compiler (fast-json-stringify, as Fastify's own), except that a route's serializer for a status
 * is compiled when the route first answers that status, not when the server starts. Fastify compiles every route's
 * serializers at `ready()`, each against all the shared schemas: for an API of a few hundred models that is
 * seconds to half a minute of start-up (each compilation walks the whole shared schema), spent again by every test
 * file. Compiled once, a serializer is kept; a schema that cannot be compiled throws on the first answer that uses it.
 */
export function lazySerializerCompiler({ shared }: { shared: SharedSchema }): FastifySerializerCompiler<object> {
  // fast-json-stringify's types want each external schema to be one of its own shapes; a `$defs` holder is a schema too.
  const external = { [shared.$id]: shared as Schema };
  return ({ schema }) => {
    let serialize: ((data: unknown) => string) | undefined;
    return (data: unknown) => {
      // The route's response schema for one status, a JSON schema as Fastify's own compiler takes it.
      serialize ??= fastJsonStringify(schema as Schema, { schema: external });
      return serialize(data);
    };
  };
}
