import { squashName } from "../naming/caseConversion.js";
import { claimName, type ModelDraft } from "./planModelColumns.js";

const identifiers = ["email", "username", "login"];
const passwords = ["passwordhash", "hashedpassword", "password"];
const roleNames = ["roles", "role"];

/**
 * The columns accounts need on the user model (`x-vx-auth: user`), where the API does not show them: its identifier
 * (`email`, `username` or `login`) unique, a `passwordHash` column (never in the API), and a default for a required
 * role column (registration never lets a caller choose roles).
 */
export function planAccountsColumns({ draft }: { draft: ModelDraft }): void {
  const identifier = identifiers.map((word) => draft.fields.find((f) => squashName(f.name) === word && f.type === "String" && !f.list)).find((f) => f !== undefined);
  if (identifier && !identifier.attributesCode.includes("@unique") && !identifier.attributesCode.includes("@id")) {
    identifier.attributesCode.unshift("@unique");
    identifier.notes.push("the identifier accounts log in with (x-vx-auth: user), so unique");
  }
  if (!draft.fields.some((f) => passwords.includes(squashName(f.name))))
    draft.fields.push({ name: claimName({ draft, wanted: "passwordHash" }), type: "String", list: false, optional: false, attributesCode: ['@default("")'], notes: ["the password hash accounts keep (x-vx-auth: user); never in the API"] });
  const role = draft.fields.find((f) => roleNames.includes(squashName(f.name)) && !f.list && !f.optional);
  if (role && !role.attributesCode.some((a) => a.startsWith("@default"))) {
    const value = draft.enumFirstValue.get(role.type);
    role.attributesCode.push(value !== undefined ? `@default(${value})` : '@default("user")');
    role.notes.push("registration never lets a caller choose roles: a default role");
  }
}
