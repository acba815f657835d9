import type { AddressInfo } from "node:net";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateFixture } from "./helpers/generateFixture.js";
import { typecheck } from "./helpers/generatedProject.js";
import { linkToolkitModules, writeRendered } from "./helpers/writeRendered.js";

/**
 * Typed principals and the per-operation policy hook end to end, on every target (issue 14): a small spec of the
 * test's own (a JWT bearer scheme and an API key, an OR requirement, an AND one, an optional one, an open operation)
 * generated without a database; the user's files written as a user would: an API key setup letting in a principal
 * of its own type (`ServiceCaller`), handlers reading their principals' fields, policies in src/policies.ts, and a
 * file of type errors (`@ts-expect-error`: tsc fails if any of them compiles). The project type-checks (strict), and
 * its app, started with the default verifiers from the environment, answers what the principals and policies say.
 */

const spec = `openapi: 3.0.3
info: { title: policies, version: "1" }
security: [{ bearerAuth: [] }]
components:
  securitySchemes:
    bearerAuth: { type: http, scheme: bearer, bearerFormat: JWT }
    apiKey: { type: apiKey, in: header, name: X-API-Key }
  schemas:
    Caller:
      type: object
      required: [scheme, id]
      properties:
        scheme: { type: string }
        id: { type: string }
        roles: { type: array, items: { type: string } }
    Error:
      type: object
      properties: { error: { type: object } }
x-caller: &caller
  "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Caller" } } } }
paths:
  /whoami:
    get: { operationId: whoami, security: [{ bearerAuth: [] }, { apiKey: [] }], responses: *caller }
  /both:
    get: { operationId: both, security: [{ bearerAuth: [], apiKey: [] }], responses: *caller }
  /maybe:
    get: { operationId: maybe, security: [{ bearerAuth: [] }, {}], responses: *caller }
  /ping:
    get: { operationId: ping, security: [], responses: *caller }
  /notes/{noteId}:
    get:
      operationId: getNote
      parameters: [{ name: noteId, in: path, required: true, schema: { type: integer } }]
      responses:
        "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Caller" } } } }
        "403": { description: not allowed, content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } } }
        "404": { description: not found, content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } } }
`;

/** The user's files, as a user writes them over the scaffolds. */
const userFiles: Record<string, string> = {
  "src/security/api-key.ts": `import type { ApiKeyPrincipal } from "../generated/auth/principals.js";
import type { VerifierSetup } from "../generated/security/types.js";

/** A service calling with one of the keys of API_KEYS. */
export interface ServiceCaller {
  service: string;
  keyId: string;
}

export const verifyApiKey: VerifierSetup<ServiceCaller, ApiKeyPrincipal> = (generated) => {
  const verify = generated();
  return async (input) => {
    const result = await verify(input);
    return result.ok ? { ok: true, principal: { service: "billing", keyId: result.principal.keyId } } : result;
  };
};
`,
  "src/handlers/whoami.ts": `import type { WhoamiHandler } from "../generated/types/operations.js";

export const whoami: WhoamiHandler = async ({ context: { auth } }) => {
  if (auth.bearerAuth) return { status: 200, body: { scheme: "bearerAuth", id: auth.bearerAuth.subject ?? "", roles: [...auth.bearerAuth.roles] } };
  return { status: 200, body: { scheme: "apiKey", id: auth.apiKey.service } };
};
`,
  "src/handlers/both.ts": `import type { BothHandler } from "../generated/types/operations.js";

export const both: BothHandler = async ({ context: { auth } }) => ({
  status: 200,
  body: { scheme: "bearerAuth+apiKey", id: \`\${auth.bearerAuth.subject ?? ""}+\${auth.apiKey.service}\` },
});
`,
  "src/handlers/maybe.ts": `import type { MaybeHandler } from "../generated/types/operations.js";

export const maybe: MaybeHandler = async ({ context: { auth } }) => ({
  status: 200,
  body: { scheme: auth.bearerAuth ? "bearerAuth" : "anonymous", id: auth.bearerAuth?.subject ?? "nobody" },
});
`,
  "src/handlers/ping.ts": `import type { PingHandler } from "../generated/types/operations.js";

export const ping: PingHandler = async () => ({ status: 200, body: { scheme: "none", id: "anyone" } });
`,
  "src/handlers/get-note.ts": `import type { GetNoteHandler } from "../generated/types/operations.js";

export const getNote: GetNoteHandler = async ({ request, context: { auth } }) => ({
  status: 200,
  body: { scheme: "bearerAuth", id: \`\${auth.bearerAuth.subject ?? ""} reads \${request.params.noteId}\`, roles: [...auth.bearerAuth.roles] },
});
`,
  "src/policies.ts": `import type { Policies } from "./generated/runtime/policies.js";

export const policies: Policies = {
  // Note 13 is hidden from everyone; editors read the others; anyone else is refused.
  getNote: ({ request, context }) =>
    request.params.noteId === 13 ? "notFound" : context.auth.bearerAuth.roles.includes("editor") ? "allow" : "deny",
  // Callers whose token says they are suspended are refused, whichever scheme let them in.
  whoami: async ({ context }) => (context.auth.bearerAuth?.claims.suspended === true ? "deny" : "allow"),
};
`,
  "src/typeErrors.ts": `import type { Policies } from "./generated/runtime/policies.js";
import type { BothAuth, GetNoteAuth, PingAuth, WhoamiAuth } from "./generated/types/operations.js";

// Each line under @ts-expect-error must fail to type-check: tsc reports a directive with no error under it.
export function misuses({ whoami, getNote, both, ping }: { whoami: WhoamiAuth; getNote: GetNoteAuth; both: BothAuth; ping: PingAuth }): unknown[] {
  return [
    // @ts-expect-error getNote requires bearerAuth only: it has no API key principal
    getNote.apiKey,
    // @ts-expect-error either alternative of whoami may have let the caller in: the bearer principal may be absent
    whoami.bearerAuth.subject,
    // @ts-expect-error the apiKey principal is the ServiceCaller of src/security/api-key.ts, not the default ApiKeyPrincipal
    whoami.apiKey?.scopes,
    // @ts-expect-error a JWT principal has no service (that is the API key's principal)
    both.bearerAuth.service,
    // @ts-expect-error an open operation has no principal at all
    ping.bearerAuth.subject,
    // Right uses, for contrast.
    getNote.bearerAuth.claims,
    both.apiKey.service,
    whoami.apiKey?.keyId,
  ];
}

export const wrongAnswer: Policies = {
  // @ts-expect-error a policy answers "allow", "deny" or "notFound"
  ping: () => "maybe",
};

export const wrongRequest: Policies = {
  // @ts-expect-error getNote's policy reads getNote's request: its path has noteId, no page
  getNote: ({ request }) => (request.params.page === 1 ? "allow" : "deny"),
};

export const wrongOperation: Policies = {
  // @ts-expect-error there is no such operation
  noSuchOperation: () => "allow",
};
`,
};

const jwtSecret = "policies-e2e-secret-of-at-least-32-bytes!";
const apiKey = "policies-e2e-api-key-000000000000";
const env = { JWT_SECRET: jwtSecret, API_KEYS: apiKey };

function token(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuedAt().setExpirationTime("5m").sign(new TextEncoder().encode(jwtSecret));
}

interface Started {
  url: string;
  close: () => Promise<void>;
}

/** Starts the generated app (imported from the project's sources, so with the user's files) on a free loopback port. */
const starters: Record<string, (dir: string, options?: object) => Promise<Started>> = {
  fastify: async (dir, options = {}) => {
    const { buildServer } = (await import(pathToFileURL(join(dir, "src/generated/fastify/app.ts")).href)) as {
      buildServer: (options: object) => Promise<{ listen: (o: object) => Promise<string>; close: () => Promise<void> }>;
    };
    const app = await buildServer({ env, rateLimit: false, ...options });
    const url = await app.listen({ port: 0, host: "127.0.0.1" });
    return { url, close: () => app.close() };
  },
  express: async (dir, options = {}) => {
    const { createApp } = (await import(pathToFileURL(join(dir, "src/generated/express/app.ts")).href)) as { createApp: (options: object) => unknown };
    const { createHttpServer } = (await import(pathToFileURL(join(dir, "src/generated/express/httpServer.ts")).href)) as {
      createHttpServer: (input: { app: unknown; limits: object }) => import("node:http").Server;
    };
    const { defaultLimits } = (await import(pathToFileURL(join(dir, "src/generated/runtime/limits.ts")).href)) as { defaultLimits: object };
    const server = createHttpServer({ app: createApp({ env, rateLimit: false, ...options }), limits: defaultLimits });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
  },
};

describe.each(["fastify", "express"])("typed principals and policies (%s)", (target) => {
  const dir = join(process.cwd(), "test", ".out", `policies-${target}`);
  let server: Started;
  /** `status body-or-error-code` of a GET. */
  const get = async (path: string, headers: Record<string, string> = {}): Promise<string> => {
    const response = await fetch(`${server.url}${path}`, { headers });
    const body = (await response.json()) as { scheme?: string; id?: string; roles?: string[]; error?: { code: string } };
    if (!response.ok) return `${response.status} ${body.error?.code ?? "not in the error format"}`;
    return `${response.status} ${body.scheme} ${body.id}${body.roles ? ` [${body.roles.join(",")}]` : ""}`;
  };
  const bearer = async (claims: Record<string, unknown>) => ({ authorization: `Bearer ${await token(claims)}` });

  beforeAll(async () => {
    const specDir = join(process.cwd(), "test", ".out", "policies-spec");
    await mkdir(specDir, { recursive: true });
    await writeFile(join(specDir, "openapi.yaml"), spec);
    const output = await generateFixture({ openapi: join(specDir, "openapi.yaml"), target });
    expect(output.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    await writeRendered({ dir, files: output.files });
    for (const [path, text] of Object.entries(userFiles)) await writeFile(join(dir, path), text);
    await linkToolkitModules({ dir });
    server = await starters[target]!(dir);
  }, 180_000);

  afterAll(async () => {
    await server?.close();
  });

  it("type-checks (strict) with the user's principal type, handlers and policies, and refuses every misuse", async () => {
    const result = await typecheck({ dir });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
    // The misuses are there, each under its directive (a directive without an error under it fails tsc above).
    const misuses = (await readFile(join(dir, "src/typeErrors.ts"), "utf8")).match(/^\s*\/\/ @ts-expect-error /gm) ?? [];
    expect(misuses).toHaveLength(8);
  }, 180_000);

  it("hands each handler the principals of the alternative that let the caller in, the user's type included", async () => {
    expect(await get("/whoami", await bearer({ sub: "u1", roles: ["reader"] }))).toBe("200 bearerAuth u1 [reader]");
    expect(await get("/whoami", { "x-api-key": apiKey })).toBe("200 apiKey billing");
    expect(await get("/both", { ...(await bearer({ sub: "u2" })), "x-api-key": apiKey })).toBe("200 bearerAuth+apiKey u2+billing");
    expect(await get("/maybe")).toBe("200 anonymous nobody");
    expect(await get("/maybe", await bearer({ sub: "u3" }))).toBe("200 bearerAuth u3");
    expect(await get("/ping")).toBe("200 none anyone");
  });

  it("asks the operation's policy after authentication and validation: allow runs the handler, deny is 403, notFound 404", async () => {
    expect(await get("/notes/1", await bearer({ sub: "ed", roles: ["editor"] }))).toBe("200 bearerAuth ed reads 1 [editor]");
    expect(await get("/notes/1", await bearer({ sub: "rd", roles: ["reader"] }))).toBe("403 FORBIDDEN");
    expect(await get("/notes/13", await bearer({ sub: "ed", roles: ["editor"] }))).toBe("404 NOT_FOUND");
    // Authentication first (401, never the policy's answer), then validation (400), then the policy.
    expect(await get("/notes/1")).toBe("401 UNAUTHORIZED");
    expect(await get("/notes/abc", await bearer({ sub: "rd", roles: ["reader"] }))).toBe("400 VALIDATION_ERROR");
    expect(await get("/whoami", await bearer({ sub: "u4", suspended: true }))).toBe("403 FORBIDDEN");
    // Operations without a policy: the generated checks only.
    expect(await get("/both", await bearer({ sub: "u2" }))).toBe("401 UNAUTHORIZED");
  });

  it("takes policies given in code in place of src/policies.ts (the app's policies option)", async () => {
    const given = await starters[target]!(dir, { policies: { ping: () => "deny" } });
    const saved = server;
    server = given;
    try {
      expect(await get("/ping")).toBe("403 FORBIDDEN");
      // src/policies.ts is replaced as a whole: getNote has no policy here.
      expect(await get("/notes/1", await bearer({ sub: "rd", roles: ["reader"] }))).toBe("200 bearerAuth rd reads 1 [reader]");
    } finally {
      server = saved;
      await given.close();
    }
  });
});
