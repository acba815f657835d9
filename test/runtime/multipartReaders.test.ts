import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorHandler as expressErrors } from "../../runtime/express/src/generated/express/errorHandler.js";
import { silentLogger } from "../../runtime/express/src/generated/express/logger.js";
import { multipartReader } from "../../runtime/express/src/generated/express/multipartReader.js";
import { errorHandler as fastifyErrors } from "../../runtime/fastify/src/generated/fastify/errorHandler.js";
import { registerMultipart } from "../../runtime/fastify/src/generated/fastify/multipartReader.js";
import type { FormValueShape } from "../../runtime/shared/src/generated/runtime/formBody.js";
import type { MultipartLimits } from "../../runtime/shared/src/generated/runtime/multipartBody.js";
import { isUploadedFile } from "../../runtime/shared/src/generated/runtime/uploadedFile.js";

// Each target's multipart reader (runtime/<target>/.../multipartReader.ts) on a small app with small limits, sent real
// multipart bodies by fetch's FormData: the body it builds, and every limit answered 413 (or 400) in the error format.

const limits: MultipartLimits = { fileSize: 16, files: 2, fields: 3, fieldSize: 8 };
const shape: FormValueShape = {
  type: "object",
  properties: { count: { type: "integer" }, tags: { type: "array", items: { type: "string" } }, meta: { type: "object" } },
};

/** What the route answers: the body with each file described (its bytes as text). */
function described(body: unknown): unknown {
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([key, value]) => [
      key,
      isUploadedFile(value) ? { file: value.filename, type: value.mimeType, size: value.size, text: value.data.toString() } : value,
    ]),
  );
}

async function fastifyApp(): Promise<{ url: string; close: () => Promise<void> }> {
  const app: FastifyInstance = Fastify();
  app.setErrorHandler(fastifyErrors);
  const reader = await registerMultipart({ app, limits, maxDepth: 4 });
  app.post("/upload", { preValidation: reader({ formBody: shape }) }, async (request) => described(request.body));
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return { url, close: () => app.close() };
}

async function expressApp(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.post("/upload", multipartReader({ limits, maxDepth: 4 })({ formBody: shape }), (req, res) => {
    res.json(described(req.body));
  });
  app.use(expressErrors(silentLogger));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function form(entries: [string, string | Blob, string?][]): FormData {
  const data = new FormData();
  for (const [name, value, filename] of entries) {
    if (typeof value === "string") data.append(name, value);
    else data.append(name, value, filename);
  }
  return data;
}

const png = (text: string) => new Blob([text], { type: "image/png" });

describe.each([
  ["fastify", fastifyApp],
  ["express", expressApp],
])("%s's multipart reader", (_name, start) => {
  let app: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    app = await start();
  });
  afterAll(async () => {
    await app.close();
  });
  const post = async (body: FormData | string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${app.url}/upload`, { method: "POST", body, headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const details = (body: Record<string, unknown>) => (body["error"] as { code: string; details: { field: string }[] });

  it("builds the body: text parts typed by the schema, repeated names as lists, files read whole", async () => {
    const response = await post(form([["count", "3"], ["tags", "a"], ["cover", png("PNG"), "c.png"]]));
    expect(response).toEqual({ status: 200, body: { count: 3, tags: ["a"], cover: { file: "c.png", type: "image/png", size: 3, text: "PNG" } } });
  });

  it("answers a file over the size limit 413 naming its part", async () => {
    const response = await post(form([["cover", png("x".repeat(17)), "big.png"]]));
    expect(response.status).toBe(413);
    expect(details(response.body)).toMatchObject({ code: "PAYLOAD_TOO_LARGE", details: [{ field: "cover" }] });
  });

  it("answers too many files, too many fields or a field too long 413", async () => {
    const files = await post(form([["a", png("1"), "a.png"], ["b", png("2"), "b.png"], ["c", png("3"), "c.png"]]));
    expect(files.status).toBe(413);
    const fields = await post(form([["tags", "1"], ["tags", "2"], ["tags", "3"], ["tags", "4"]]));
    expect(fields.status).toBe(413);
    const long = await post(form([["tags", "123456789"]]));
    expect(long.status).toBe(413);
    expect(details(long.body)).toMatchObject({ code: "PAYLOAD_TOO_LARGE", details: [{ field: "tags" }] });
  });

  it("answers unreadable JSON in an object part, and a malformed body, 400", async () => {
    const json = await post(form([["meta", "{oops"]]));
    expect(json.status).toBe(400);
    expect(details(json.body)).toMatchObject({ code: "VALIDATION_ERROR", details: [{ field: "meta" }] });
    const broken = await post("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end", { "content-type": "multipart/form-data; boundary=x" });
    expect(broken.status).toBe(400);
    expect(details(broken.body).code).toBe("VALIDATION_ERROR");
  });
});
