import { describe, expect, it } from "vitest";
import { firstItem, resolvedPath } from "../../../src/generated/bench/resolvedPath.js";

// src/generated/bench/resolvedPath.ts: path parameters from the spec, else from the first item of their collection.

describe("resolvedPath", () => {
  it("looks a parameter up in its collection: the item's own property, else its id", async () => {
    const asked: string[] = [];
    const fetchJson = async (path: string) => {
      asked.push(path);
      return path === "/api/authors" ? { items: [{ id: 42, name: "Ann" }] } : [{ id: "b-7" }];
    };
    const request = {
      path: "/api/authors/{authorId}/books/{bookId}",
      pathParameters: [
        { name: "authorId", value: undefined, fallback: "1" },
        { name: "bookId", value: undefined, fallback: "1" },
      ],
    };
    expect(await resolvedPath({ request, fetchJson })).toBe("/api/authors/42/books/b-7");
    expect(asked).toEqual(["/api/authors", "/api/authors/42/books"]);
  });

  it("keeps a value from the spec (encoded) and falls back on the sample when the collection is empty", async () => {
    const request = {
      path: "/tags/{name}/books/{bookId}",
      pathParameters: [
        { name: "name", value: "sci fi", fallback: "x" },
        { name: "bookId", value: undefined, fallback: "1" },
      ],
    };
    expect(await resolvedPath({ request, fetchJson: async () => ({ items: [] }) })).toBe("/tags/sci%20fi/books/1");
  });

  it("finds the first item of a list or of an object's first list", () => {
    expect(firstItem([{ id: 1 }])).toEqual({ id: 1 });
    expect(firstItem({ total: 3, data: [{ id: 2 }] })).toEqual({ id: 2 });
    expect(firstItem({ message: "no" })).toBeUndefined();
  });
});
