import type { AddressInfo } from "node:net";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateFixture } from "./helpers/generateFixture.js";
import { typecheck } from "./helpers/generatedProject.js";
import { linkToolkitModules, writeRendered } from "./helpers/writeRendered.js";

/**
 * x-vx-roles and x-vx-ip-allow end to end, on every target: a small spec of the test's own generated with a role
 * hierarchy and an API-wide allow list in `options.auth`, the project type-checked (strict), and its app started on a
 * loopback port twice, trust proxy off and on. Principals come from a bearer verifier given in the `security` option
 * (the token is the caller's role list), handlers from the `handlers` option.
 */

const spec = `openapi: 3.0.3
info: { title: access, version: "1" }
security: [{ bearer: [] }]
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
  schemas:
    Ok: { type: object, properties: { ok: { type: boolean } } }
    Note: { type: object, required: [text], properties: { text: { type: string } } }
x-ok: &ok
  "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Ok" } } } }
paths:
  /staff:
    get: { operationId: staffArea, tags: [access], x-vx-roles: [staff], responses: *ok }
  /members:
    get: { operationId: membersArea, tags: [access], x-vx-roles: [member, "a\\"b\\r\\nc"], responses: *ok }
  /authenticated:
    get: { operationId: anyCaller, tags: [access], responses: *ok }
  /loopback:
    get: { operationId: loopbackOnly, tags: [access], security: [], x-vx-ip-allow: ["10.0.0.0/8", "127.0.0.1", "::1"], responses: *ok }
  /office:
    get: { operationId: officeOnly, tags: [access], security: [], x-vx-ip-allow: ["203.0.113.0/24", "2001:db8::/32"], responses: *ok }
    post:
      operationId: officeNote
      tags: [access]
      x-vx-roles: [admin]
      x-vx-ip-allow: ["203.0.113.0/24"]
      requestBody: { required: true, content: { application/json: { schema: { $ref: "#/components/schemas/Note" } } } }
      responses: *ok
  /open:
    get: { operationId: openPing, tags: [access], security: [], responses: *ok }
`;

/** Bearer tokens are the caller's roles, comma-separated (`-` for none); no header or an empty token is no credential. */
const verifiers = {
  bearer: async ({ request }: { request: { headers: Record<string, string | string[] | undefined> } }) => {
    const header = request.headers.authorization;
    const token = typeof header === "string" && header.startsWith("Bearer ") ? header.slice(7) : "";
    if (token === "") return { ok: false as const };
    return { ok: true as const, principal: { kind: "test", roles: token === "-" ? [] : token.split(",").map(decodeURIComponent) } };
  },
};

const operations = ["staffArea", "membersArea", "anyCaller", "loopbackOnly", "officeOnly", "officeNote", "openPing"];
const handlers = Object.fromEntries(operations.map((name) => [name, async () => ({ status: 200, body: { ok: true } })]));

interface Started {
  url: string;
  close: () => Promise<void>;
}

/** Starts the generated app (imported from the project's sources) on a free loopback port. */
type Starter = (input: { dir: string; trustProxy: boolean }) => Promise<Started>;

const starters: Record<string, Starter> = {
  fastify: async ({ dir, trustProxy }) => {
    const { buildServer } = (await import(pathToFileURL(join(dir, "src/generated/fastify/app.ts")).href)) as {
      buildServer: (options: object) => Promise<{ listen: (o: object) => Promise<string>; close: () => Promise<void> }>;
    };
    const app = await buildServer({ security: verifiers, handlers, server: { trustProxy } });
    const url = await app.listen({ port: 0, host: "127.0.0.1" });
    return { url, close: () => app.close() };
  },
  express: async ({ dir, trustProxy }) => {
    const { createApp } = (await import(pathToFileURL(join(dir, "src/generated/express/app.ts")).href)) as { createApp: (options: object) => unknown };
    const { createHttpServer } = (await import(pathToFileURL(join(dir, "src/generated/express/httpServer.ts")).href)) as {
      createHttpServer: (input: { app: unknown; limits: object }) => import("node:http").Server;
    };
    const { defaultLimits } = (await import(pathToFileURL(join(dir, "src/generated/runtime/limits.ts")).href)) as { defaultLimits: object };
    const server = createHttpServer({ app: createApp({ security: verifiers, handlers, trustProxy }), limits: defaultLimits });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
  },
};

/** The status and error code of an answer (`ok` for a 2xx with the documented body). */
async function outcome(response: Response): Promise<string> {
  const body = (await response.json()) as { ok?: boolean; error?: { code: string; message: string } };
  if (response.ok) return body.ok === true ? `${response.status}` : `${response.status} unexpected body`;
  return `${response.status} ${body.error?.code ?? "not in the error format"}`;
}

describe.each(["fastify", "express"])("x-vx-roles and x-vx-ip-allow (%s)", (target) => {
  const dir = join(process.cwd(), "test", ".out", `access-${target}`);
  let direct: Started;
  let proxied: Started;
  const get = async ({ server, path, token, forwarded }: { server: Started; path: string; token?: string; forwarded?: string }) =>
    outcome(
      await fetch(`${server.url}${path}`, {
        headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(forwarded === undefined ? {} : { "x-forwarded-for": forwarded }) },
      }),
    );

  beforeAll(async () => {
    const specDir = join(process.cwd(), "test", ".out", "access-spec");
    await mkdir(specDir, { recursive: true });
    await writeFile(join(specDir, "openapi.yaml"), spec);
    const output = await generateFixture({
      openapi: join(specDir, "openapi.yaml"),
      target,
      options: { auth: { roleHierarchy: { admin: ["staff"], staff: ["member"] }, ipAllow: ["127.0.0.0/8", "::1", "192.0.2.0/24"] } },
    });
    expect(output.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    await writeRendered({ dir, files: output.files });
    await linkToolkitModules({ dir });
    direct = await starters[target]!({ dir, trustProxy: false });
    proxied = await starters[target]!({ dir, trustProxy: true });
  }, 180_000);

  afterAll(async () => {
    await direct?.close();
    await proxied?.close();
  });

  it("the generated project type-checks (strict) with the rows' roles and allow lists", async () => {
    const result = await typecheck({ dir });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  }, 180_000);

  it("a role asked passes, a role implying it by the hierarchy passes, another is 403", async () => {
    expect(await get({ server: direct, path: "/staff", token: "staff" })).toBe("200");
    expect(await get({ server: direct, path: "/staff", token: "admin" })).toBe("200");
    expect(await get({ server: direct, path: "/members", token: "admin" })).toBe("200");
    expect(await get({ server: direct, path: "/members", token: "guest,member" })).toBe("200");
    expect(await get({ server: direct, path: "/staff", token: "member" })).toBe("403 FORBIDDEN");
    expect(await get({ server: direct, path: "/staff", token: "-" })).toBe("403 FORBIDDEN");
    expect(await get({ server: direct, path: "/staff", token: "__proto__,constructor,Staff" })).toBe("403 FORBIDDEN");
    expect(await get({ server: direct, path: "/members", token: encodeURIComponent('a"b\r\nc') })).toBe("200");
    // No roles asked: any authenticated caller.
    expect(await get({ server: direct, path: "/authenticated", token: "-" })).toBe("200");
  });

  it("no credentials is 401, never 403", async () => {
    expect(await get({ server: direct, path: "/staff" })).toBe("401 UNAUTHORIZED");
    expect(await get({ server: direct, path: "/members", token: "" })).toBe("401 UNAUTHORIZED");
    expect(await get({ server: direct, path: "/authenticated" })).toBe("401 UNAUTHORIZED");
  });

  it("a client inside the operation's allow list passes, one outside is 403 before security and before the body", async () => {
    expect(await get({ server: direct, path: "/loopback" })).toBe("200");
    expect(await get({ server: direct, path: "/office" })).toBe("403 FORBIDDEN");
    // The address is checked first: no credentials from outside is 403, and the (invalid) body is never read.
    const post = await fetch(`${direct.url}/office`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(await outcome(post)).toBe("403 FORBIDDEN");
  });

  it("trust proxy off: a forged X-Forwarded-For changes nothing", async () => {
    expect(await get({ server: direct, path: "/office", forwarded: "203.0.113.7" })).toBe("403 FORBIDDEN");
    expect(await get({ server: direct, path: "/open", forwarded: "198.51.100.1" })).toBe("200");
    expect(await get({ server: direct, path: "/loopback", forwarded: "198.51.100.1" })).toBe("200");
  });

  it("trust proxy on: the forwarded address is the client's, for the operation's list and the API's", async () => {
    expect(await get({ server: proxied, path: "/office", forwarded: "203.0.113.7" })).toBe("200");
    expect(await get({ server: proxied, path: "/office", forwarded: "2001:db8::7" })).toBe("200");
    expect(await get({ server: proxied, path: "/office", forwarded: "198.51.100.1" })).toBe("403 FORBIDDEN");
    expect(await get({ server: proxied, path: "/loopback", forwarded: "203.0.113.7" })).toBe("403 FORBIDDEN");
    // The API's list (options.auth.ipAllow) for operations without their own.
    expect(await get({ server: proxied, path: "/open", forwarded: "192.0.2.10" })).toBe("200");
    expect(await get({ server: proxied, path: "/open", forwarded: "198.51.100.1" })).toBe("403 FORBIDDEN");
    expect(await get({ server: proxied, path: "/staff", token: "admin", forwarded: "198.51.100.1" })).toBe("403 FORBIDDEN");
    expect(await get({ server: proxied, path: "/staff", forwarded: "198.51.100.1" })).toBe("403 FORBIDDEN");
    expect(await get({ server: proxied, path: "/staff", forwarded: "192.0.2.10" })).toBe("401 UNAUTHORIZED");
    // Both checks: the address, then the role.
    const note = (token: string) =>
      fetch(`${proxied.url}/office`, { method: "POST", headers: { authorization: `Bearer ${token}`, "x-forwarded-for": "203.0.113.9", "content-type": "application/json" }, body: '{"text":"hi"}' });
    expect(await outcome(await note("admin"))).toBe("200");
    expect(await outcome(await note("staff"))).toBe("403 FORBIDDEN");
  });

  it("the generated route rows carry the operation's roles and allow list", async () => {
    const { readFile } = await import("node:fs/promises");
    const rows = await readFile(join(dir, `src/generated/${target}/routes/access.ts`), "utf8");
    expect(rows).toContain(`roles: ["member", 'a"b\\r\\nc'],`);
    expect(rows).toContain('ipAllow: ["203.0.113.0/24", "2001:db8::/32"]');
    const settings = await readFile(join(dir, "src/generated/security/access.ts"), "utf8");
    expect(settings).toContain('ipAllow: ["127.0.0.0/8", "::1", "192.0.2.0/24"]');
  });

  it("settings given at start-up are checked there", async () => {
    const app = (await import(pathToFileURL(join(dir, `src/generated/${target}/app.ts`)).href)) as Record<string, (options: object) => unknown>;
    const start = target === "fastify" ? app.buildServer : app.createApp;
    await expect(Promise.resolve().then(() => start?.({ access: { ipAllow: ["10.0.0.0/33"] } }))).rejects.toThrow('ipAllow: "10.0.0.0/33"');
    await expect(Promise.resolve().then(() => start?.({ access: { roleHierarchy: { a: ["b"], b: ["a"] } } }))).rejects.toThrow("cycle");
  });
});

describe("options.auth given in code, not from a config file", () => {
  it("is checked when the project is rendered (VX025), as the config's would be", async () => {
    const output = await generateFixture({ openapi: "fixtures/bookstore/openapi.yaml", options: { auth: { ipAllow: ["10.0.0.0/8", "nope"], roleHierarchy: { admin: ["admin"] } } } });
    expect(output.diagnostics.filter((d) => d.code === "VX025").map((d) => [d.severity, d.message])).toEqual([
      ["error", 'auth.ipAllow: "nope" is not an IPv4 or IPv6 address or CIDR range'],
      ["error", 'auth.roleHierarchy has a cycle: "admin" -> "admin"'],
    ]);
  }, 60_000);
});
