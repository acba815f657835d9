import type { BenchRequest } from "./benchRequests.js";
import { isJsonObject, type JsonObject } from "./resolvedRef.js";

/** The first item of a collection's answer: the answer if it is a list, else the first list among its properties. */
export function firstItem(body: unknown): JsonObject | undefined {
  const list = Array.isArray(body)
    ? body
    : isJsonObject(body)
      ? Object.values(body).find((value): value is unknown[] => Array.isArray(value))
      : undefined;
  const first: unknown = list?.[0];
  return isJsonObject(first) ? first : undefined;
}

/** The value of path parameter `name` in an item: its own property, else `id` (`bookId` of a book is its `id`). */
export function keyOf({ item, name }: { item: JsonObject; name: string }): string | undefined {
  for (const key of [name, "id"]) {
    const value = item[key];
    if (typeof value === "string" || typeof value === "number") return String(value);
  }
  return undefined;
}

/**
 * The request's path with its parameters filled in: a value from the spec where there is one, else the key of the
 * first item its collection lists (`/books/{bookId}`: GET `/books`, the first book's `id`), else the sample (an empty
 * collection: the answers are likely 404). `fetchJson` GETs a path of the server, undefined unless 2xx JSON.
 */
export async function resolvedPath({
  request,
  fetchJson,
}: {
  request: Pick<BenchRequest, "path" | "pathParameters">;
  fetchJson: (path: string) => Promise<unknown>;
}): Promise<string> {
  let path = request.path;
  for (const parameter of request.pathParameters) {
    const placeholder = `{${parameter.name}}`;
    let value = parameter.value;
    const collection = path.slice(0, path.indexOf(placeholder)).replace(/\/$/, "");
    if (value === undefined && !collection.includes("{")) {
      const item = firstItem(await fetchJson(collection));
      value = item === undefined ? undefined : keyOf({ item, name: parameter.name });
    }
    path = path.replace(placeholder, encodeURIComponent(value ?? parameter.fallback));
  }
  return path;
}
