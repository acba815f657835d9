import { notImplemented } from "../generated/runtime/errors.js";
import type { PublishBookHandler } from "../generated/types/operations.js";

/**
 * POST /books/{bookId}/publish (publishBook): A custom action; its handler is yours to write.
 * Not generated: path segment 'books' names model Book; POST on the item sub-resource path is custom: a custom action.
 * Write it: return one of the documented responses. Until then it answers 501 NOT_IMPLEMENTED.
 */
export const publishBook: PublishBookHandler = async ({ request, context }) => {
  void request;
  void context;
  throw notImplemented("publishBook");
};
