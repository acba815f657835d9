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
