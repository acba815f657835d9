import { notImplemented } from "../generated/runtime/errors.js";
import type { GetInventoryHandler } from "../generated/types/operations.js";

/**
 * GET /store/inventory (getInventory)
 * Not generated: no model matches the path.
 * Write it: return one of the documented responses. Until then it answers 501 NOT_IMPLEMENTED.
 */
export const getInventory: GetInventoryHandler = async ({ request, context }) => {
  void request;
  void context;
  throw notImplemented("getInventory");
};
