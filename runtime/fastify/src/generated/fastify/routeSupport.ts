import type { FastifyInstance, FastifyRequest } from "fastify";
import type { HandlerContext } from "../runtime/context.js";
import type { SecurityVerifiers } from "../security/types.js";
import type { Handlers } from "../types/operations.js";
import type { createValidators, ValidationSchemas } from "./validation.js";

/** What every route module registers its routes with. */
export interface RegisterRoutesInput {
  app: FastifyInstance;
  handlers: Handlers;
  verifiers: SecurityVerifiers;
  schemas: ValidationSchemas;
  validators: ReturnType<typeof createValidators>;
  context: (request: FastifyRequest) => HandlerContext;
}

/** A request part the route's schema has validated, as the handler's type. */
export function validated<T>(value: unknown): T {
  return value as T;
}

/** Path parameters whose names the router could not take, back under their documented names. */
export function renameKeys({ value, names }: { value: unknown; names: Record<string, string> }): Record<string, unknown> {
  const source = (value ?? {}) as Record<string, unknown>;
  // No prototype: a documented name may be `__proto__`.
  const result: Record<string, unknown> = Object.create(null);
  for (const [key, item] of Object.entries(source)) result[Object.hasOwn(names, key) ? (names[key] ?? key) : key] = item;
  return result;
}
