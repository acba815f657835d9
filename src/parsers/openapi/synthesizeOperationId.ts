import type { HttpMethod } from "../../ir/types.js";

function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/** `get` + `/pets/{petId}` = `getPetsByPetId`; `/` = `getRoot`. Deterministic: only method and path matter. */
export function synthesizeOperationId({ method, path }: { method: HttpMethod; path: string }): string {
  const parts = path
    .split("/")
    .filter(Boolean)
    .map((segment) => segment.replace(/\{([^}]*)\}/g, (_, name: string) => ` By ${pascal(name)} `))
    .map(pascal);
  const tail = parts.join("");
  return method + (tail === "" ? "Root" : tail);
}
