import type { Model, NamedSchema, ObjectProperty } from "../ir/types.js";
import { squashName } from "../naming/caseConversion.js";
import { findField } from "./findField.js";
import { derefSchema } from "./schemaLookup.js";

/** Names a response property of the user model takes for the caller's access token (case and separators ignored). */
const tokenNames = new Set(["token", "accesstoken", "authtoken", "jwt"]);

/**
 * Whether a response property of the accounts' user model is the caller's access token (RealWorld's `user.token`): a
 * string named `token`, `accessToken`, `authToken` or `jwt` with no column of its name. A sign-up or login answers
 * the new token there, the caller's own record (`GET /user`) the token the caller sent; never stored nor written.
 */
export function callerToken({ model, property, schemas, userModel }: { model: Model; property: ObjectProperty; schemas: Map<string, NamedSchema>; userModel: string | undefined }): boolean {
  if (userModel === undefined || model.name !== userModel || !tokenNames.has(squashName(property.name))) return false;
  if (findField({ model, property: property.name })) return false;
  return derefSchema({ node: property.schema, schemas }).kind === "string";
}
