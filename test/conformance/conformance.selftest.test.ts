import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConformance } from "./runConformance.js";
import { loadSourceDocument } from "./sourceDocument.js";

/**
 * The conformance suite judged on servers whose faults are known: a suite that passes a server which validates
 * nothing, or answers errors in another format, would prove nothing about the generated ones.
 */
function careless({ validate }: { validate: boolean }): Server {
  const rows = new Map<string, Record<string, unknown>[]>();
  let id = 0;
  return createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://localhost");
      const send = (status: number, body: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(body === undefined ? "" : JSON.stringify(body));
      };
      if (url.pathname === "/openapi.json") return send(200, {});
      if (url.pathname === "/docs/") return send(404, { message: "no docs" });
      const match = /^\/api\/v1\/(authors|tags)(?:\/([^/]+))?$/.exec(url.pathname);
      if (!match) return send(404, { message: "not found" });
      const [, collection = "", key] = match;
      const list = rows.get(collection) ?? [];
      rows.set(collection, list);
      if (request.method === "POST" && key === undefined) {
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(raw || "{}") as Record<string, unknown>;
        } catch {
          response.writeHead(400, { "content-type": "text/plain" });
          return response.end("bad json");
        }
        if (validate && typeof body.name !== "string")
          return send(400, {
            error: {
              code: "VALIDATION_ERROR",
              message: "name",
              details: [{ field: "name", message: "is required" }],
              timestamp: new Date().toISOString(),
            },
          });
        const row = { ...body, id: ++id, createdAt: new Date().toISOString() };
        list.push(row);
        return send(201, row);
      }
      if (request.method === "GET" && key === undefined)
        return send(200, collection === "tags" ? list : { items: list, total: list.length, limit: 20, offset: 0 });
      const row = list.find((r) => String(r.id) === key || r.name === key);
      if (!row) return send(404, { message: "no such row" });
      return send(200, row);
    });
  });
}

describe("the conformance suite on servers with known faults", () => {
  const servers: Server[] = [];
  const start = async (server: Server): Promise<string> => {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  let source: Awaited<ReturnType<typeof loadSourceDocument>>;
  beforeAll(async () => {
    source = await loadSourceDocument("fixtures/bookstore/openapi.yaml");
  });
  afterAll(() => servers.forEach((s) => s.close()));

  it("reports a server that validates nothing, serves another document and answers errors in its own format", async () => {
    const url = await start(careless({ validate: false }));
    const report = await runConformance({
      url,
      source,
      specFile: "fixtures/bookstore/openapi.yaml",
      uniques: { author: ["email"] },
    });
    const failed = (pattern: RegExp) => report.cases.filter((c) => !c.ok && pattern.test(c.name));
    const passed = (pattern: RegExp) => report.cases.filter((c) => c.ok && pattern.test(c.name));
    expect(failed(/openapi\.json serves the source document/)).toHaveLength(1);
    expect(failed(/\/docs serves Swagger UI/)).toHaveLength(1);
    expect(failed(/unknown route is 404 NOT_FOUND in the error format/)).toHaveLength(1);
    expect(failed(/createAuthor: 400 for email not an email/)).toHaveLength(1);
    expect(failed(/createAuthor: 400 for an undocumented property/)).toHaveLength(1);
    expect(failed(/createAuthor: 409 CONFLICT on a duplicate email/)).toHaveLength(1);
    expect(failed(/getAuthor: 404 NOT_FOUND for an unknown authorId/)).toHaveLength(1);
    expect(failed(/listAuthors: query limit not a number is 400/)).toHaveLength(1);
    expect(failed(/listAuthors: limit=1 gives at most one item/)).toHaveLength(1);
    // What the careless server does right is not reported.
    expect(passed(/createAuthor: a valid body is created/)).toHaveLength(1);
    expect(passed(/getAuthor: reads back what was created/)).toHaveLength(1);
  });

  it("names the field a 400 must name", async () => {
    const url = await start(careless({ validate: true }));
    const report = await runConformance({ url, source, specFile: "fixtures/bookstore/openapi.yaml" });
    const missingName = report.cases.find((c) => c.name === "createAuthor: 400 for missing required name");
    const missingEmail = report.cases.find((c) => c.name === "createAuthor: 400 for missing required email");
    expect(missingName?.ok).toBe(true);
    expect(missingEmail?.ok).toBe(false);
  });
});
