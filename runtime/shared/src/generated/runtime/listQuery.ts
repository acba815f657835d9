import { ApiError } from "./errors.js";

export type SortDirection = "asc" | "desc";

/**
 * Reads a sort parameter (`title`, `-title`, `title:desc`, `title,-price`) against a whitelist that maps API names to
 * model fields. Anything not on the list is a 400, so clients can only sort on what the API allows.
 */
export function parseSort<F extends string>({
  value,
  allowed,
  parameter,
}: {
  value: string | string[] | undefined;
  allowed: Readonly<Record<string, F>>;
  parameter: string;
}): { field: F; direction: SortDirection }[] {
  if (value === undefined) return [];
  const parts = (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
  return parts.map((part) => {
    let name = part;
    let direction: SortDirection = "asc";
    if (name.startsWith("-")) {
      name = name.slice(1);
      direction = "desc";
    } else if (name.startsWith("+")) {
      name = name.slice(1);
    }
    const colon = /^(.*):(asc|desc)$/i.exec(name);
    if (colon?.[1] !== undefined && colon[2] !== undefined) {
      name = colon[1];
      direction = colon[2].toLowerCase() === "desc" ? "desc" : "asc";
    }
    const field = Object.prototype.hasOwnProperty.call(allowed, name) ? allowed[name] : undefined;
    if (field === undefined) {
      throw new ApiError({
        code: "VALIDATION_ERROR",
        message: `cannot sort by '${name}'`,
        details: [{ field: parameter, message: `must be one of: ${Object.keys(allowed).join(", ")}` }],
      });
    }
    return { field, direction };
  });
}
