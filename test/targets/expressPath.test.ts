import type { AddressInfo } from "node:net";
import express from "express";
import { describe, expect, it } from "vitest";
import { expressPath } from "../../generators/express/expressPath.js";

/** What Express 5 itself matches for a route path: the params of a request to `url`, or the status when none matched. */
async function route({ path, url }: { path: string; url: string }): Promise<Record<string, string> | number> {
  const app = express();
  app.get(path, (req, res) => {
    res.json(req.params);
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${url}`);
    return response.ok ? ((await response.json()) as Record<string, string>) : response.status;
  } finally {
    server.close();
  }
}

describe("expressPath", () => {
  it("turns path templates into Express 5 route paths", () => {
    expect(expressPath("/authors/{authorId}/books")).toEqual({ url: "/authors/:authorId/books", keys: new Map() });
    expect(expressPath("/v1/{name}:cancel").url).toBe("/v1/:name\\:cancel");
  });

  it("gives parameters that are not identifiers, or that objects inherit, router keys, and says which", () => {
    const { url, keys } = expressPath("/files/{file-id}/{__proto__}/{x.y}");
    expect(url).toBe("/files/:p0/:p1/:p2");
    expect([...keys]).toEqual([
      ["file-id", "p0"],
      ["__proto__", "p1"],
      ["x.y", "p2"],
    ]);
  });

  it("escapes what Express reserves in literal text, so the router matches it literally", async () => {
    const { url } = expressPath("/v1/{name}:cancel(now)*");
    expect(await route({ path: url, url: "/v1/job-7:cancel(now)*" })).toEqual({ name: "job-7" });
    expect(await route({ path: url, url: "/v1/job-7:cancelnow" })).toBe(404);
  });
});
