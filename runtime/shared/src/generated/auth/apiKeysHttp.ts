import { ApiError } from "../runtime/errors.js";
import { InvalidApiKeyInputError, type ApiKeyTable, type ApiKeyView, type IssuedApiKey } from "./apiKeyTable.js";

/** The body of the admins' create route, as its validator let it through. */
export interface NewApiKeyBody {
  name: string;
  scopes?: readonly string[];
  roles?: readonly string[];
  ownerId?: string;
  expiresAt?: string;
}

/** A new or rotated key as the admin routes answer it: the key, shown this once, and what is kept of it. */
export interface IssuedApiKeyBody {
  key: string;
  apiKey: ApiKeyView;
}

function invalid(field: string, message: string): ApiError {
  return new ApiError({ code: "VALIDATION_ERROR", message: "the request is not valid", details: [{ field, message }] });
}

/** 404 for a key id that is not in the table (or, for rotation, revoked). */
export function apiKeyNotFound(): ApiError {
  return new ApiError({ code: "NOT_FOUND", message: "no such API key" });
}

export function issuedBody(made: IssuedApiKey): IssuedApiKeyBody {
  return { key: made.key, apiKey: made.view };
}

/**
 * Creates the key `body` describes: 400 for an expiry that is not in the future, an owner `ownerExists` does not know
 * (the accounts' users), or a name or scope the table refuses.
 */
export async function createApiKeyFrom({
  table,
  body,
  ownerExists,
  now = Date.now(),
}: {
  table: ApiKeyTable;
  body: NewApiKeyBody;
  ownerExists?: (ownerId: string) => Promise<boolean>;
  now?: number;
}): Promise<IssuedApiKeyBody> {
  const expiresAt = body.expiresAt === undefined ? null : new Date(body.expiresAt);
  if (expiresAt !== null && !(expiresAt.getTime() > now)) throw invalid("/expiresAt", "must be a time in the future");
  if (body.ownerId !== undefined && ownerExists !== undefined && !(await ownerExists(body.ownerId)))
    throw invalid("/ownerId", "is not the id of a user");
  try {
    const made = await table.create({
      name: body.name,
      scopes: body.scopes ?? [],
      roles: body.roles ?? [],
      ownerId: body.ownerId ?? null,
      expiresAt,
    });
    return issuedBody(made);
  } catch (error) {
    if (error instanceof InvalidApiKeyInputError) throw invalid("", error.message);
    throw error;
  }
}
