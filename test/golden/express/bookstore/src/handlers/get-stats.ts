import { notImplemented } from "../generated/runtime/errors.js";
import type { GetStatsHandler } from "../generated/types/operations.js";

/**
 * GET /stats (getStats): Not bound to any model; its handler is yours to write.
 * Not generated: no model matches the path or response schema Stats.
 * Write it: return one of the documented responses. Until then it answers 501 NOT_IMPLEMENTED.
 */
export const getStats: GetStatsHandler = async ({ request, context }) => {
  void request;
  void context;
  throw notImplemented("getStats");
};
