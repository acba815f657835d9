import { notImplemented } from "../generated/runtime/errors.js";
import type { UploadBookCoverHandler } from "../generated/types/operations.js";

/**
 * PUT /books/{bookId}/cover (uploadBookCover): Uploads a book's cover image; its handler is yours to write.
 * Not generated: path segment 'books' names model Book; PUT on the item sub-resource path is custom: a custom action.
 * Write it: return one of the documented responses. Until then it answers 501 NOT_IMPLEMENTED.
 */
export const uploadBookCover: UploadBookCoverHandler = async ({ request, context }) => {
  void request;
  void context;
  throw notImplemented("uploadBookCover");
};
