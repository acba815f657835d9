import { describe, expect, it } from "vitest";
import { benchRequests } from "../../../src/generated/bench/benchRequests.js";

// src/generated/bench/benchRequests.ts: which operations the bench loads, with which requests, and which it skips.

const document = {
  openapi: "3.1.0",
  security: [],
  paths: {
    "/books": {
      get: {
        operationId: "listBooks",
        parameters: [
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1 } },
          { $ref: "#/components/parameters/Genre" },
        ],
      },
      post: {
        operationId: "createBook",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { type: "object", required: ["title"], properties: { title: { type: "string" } } },
            },
          },
        },
      },
    },
    "/books/{bookId}": {
      parameters: [{ name: "bookId", in: "path", required: true, schema: { type: "integer" } }],
      get: { operationId: "getBook" },
      delete: { operationId: "deleteBook" },
    },
    "/tags/{name}": {
      get: {
        operationId: "getTag",
        parameters: [{ name: "name", in: "path", required: true, example: "fiction", schema: { type: "string" } }],
      },
    },
    "/members": { get: { operationId: "listMembers", security: [{ bearerAuth: [] }] } },
    "/codes": {
      get: {
        operationId: "listCodes",
        parameters: [{ name: "code", in: "query", required: true, schema: { type: "string", pattern: "^[A-Z]+$" } }],
      },
    },
  },
  components: {
    parameters: { Genre: { name: "genre", in: "query", required: true, schema: { enum: ["novel", "poem"] } } },
  },
};

const readsOnly = { writes: false, authorization: undefined, operations: undefined };

describe("benchRequests", () => {
  it("plans every GET with its required query parameters, path parameters to look up or given", () => {
    const { requests } = benchRequests({ document, basePath: "/api", settings: readsOnly });
    expect(requests.map((request) => request.operationId)).toEqual(["listBooks", "getBook", "getTag"]);
    expect(requests[0]).toMatchObject({ method: "GET", path: "/api/books", query: "?genre=novel", body: undefined });
    expect(requests[1]?.pathParameters).toEqual([{ name: "bookId", value: undefined, fallback: "1" }]);
    expect(requests[2]?.pathParameters).toEqual([{ name: "name", value: "fiction", fallback: "fiction" }]);
  });

  it("skips writes, secured operations without BENCH_AUTHORIZATION and parameters it cannot fill, saying why", () => {
    const { skipped } = benchRequests({ document, basePath: "", settings: readsOnly });
    expect(skipped).toEqual([
      { operationId: "createBook", method: "POST", path: "/books", reason: "a write (BENCH_WRITES=on loads it)" },
      {
        operationId: "listMembers",
        method: "GET",
        path: "/members",
        reason: "secured (BENCH_AUTHORIZATION sends credentials)",
      },
      {
        operationId: "listCodes",
        method: "GET",
        path: "/codes",
        reason: "no value for its required query parameter code",
      },
      {
        operationId: "deleteBook",
        method: "DELETE",
        path: "/books/{bookId}",
        reason: "a write (BENCH_WRITES=on loads it)",
      },
    ]);
  });

  it("with writes on: creations first with a JSON body, deletions last; only the listed operations", () => {
    const settings = {
      writes: true,
      authorization: "Bearer t",
      operations: ["createBook", "deleteBook", "listMembers"],
    };
    const { requests, skipped } = benchRequests({ document, basePath: "", settings });
    expect(requests.map((request) => `${request.method} ${request.operationId}`)).toEqual([
      "POST createBook",
      "GET listMembers",
      "DELETE deleteBook",
    ]);
    expect(requests[0]?.body).toBe('{"title":"bench"}');
    expect(skipped).toEqual([]);
  });
});
