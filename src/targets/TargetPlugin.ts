import type { Diagnostic, IrDocument } from "../ir/types.js";
import type { NameTable } from "../naming/NameTable.js";
import type { SourceDocument } from "../parsers/openapi/SourceDocument.js";
import type { RenderedFile } from "../pipeline/RenderedFile.js";

/**
 * What a request validator does with a readOnly property (or a database-filled field) a client sends: `"reject"`
 * answers 400 naming the property; `"ignore"` accepts it and removes it from the body before the handler runs.
 */
export type ReadOnlyInRequests = "reject" | "ignore";

/**
 * The default: a client that sends a server-owned property believes it set it; a 400 says it did not, where dropping
 * it silently would hide the mistake. APIs whose clients send back what they received choose "ignore".
 */
export const defaultReadOnlyInRequests: ReadOnlyInRequests = "reject";

/** What a request body that sets the owner column of an owner-scoped operation (`x-vx-owner`) gets. */
export type OwnerInBody = "reject" | "ignore";

/** `reject`: a body that sets the owner column is a 400; never written silently either way. */
export const defaultOwnerInBody: OwnerInBody = "reject";

/**
 * Authorization settings of the whole API (`options.auth` in vx.config), written into the generated
 * `src/generated/security/access.ts` (the app's `access` option replaces them at run time).
 */
export interface AuthOptions {
  /** Role -> the roles it implies (`{ admin: ["staff"], staff: ["member"] }`); a cycle is a config error (VX025). */
  roleHierarchy?: Record<string, string[]>;
  /** Client addresses and CIDR ranges allowed to call an operation without `x-vx-ip-allow` (absent: every address). */
  ipAllow?: string[];
  /**
   * A request body of an owner-scoped operation (`x-vx-owner`) that sets the owner column: `reject` (default) answers
   * 400 naming it; `ignore` leaves it out (the owner is always the caller).
   */
  ownerInBody?: OwnerInBody;
  /** Accounts and sessions for the user model; `false` turns them off even where a schema says `x-vx-auth: user`. */
  accounts?: false | AccountsOptions;
  /** API keys in a `VxApiKey` table (CLI, admin routes) besides API_KEYS, where a database exists; default true. */
  apiKeyTable?: boolean;
}

/** `options.auth.accounts`: the user model and its columns when the defaults do not fit, the mount path, MFA. */
export interface AccountsOptions {
  model?: string;
  identifier?: string;
  password?: string;
  roles?: string;
  /** Default `/auth`. */
  path?: string;
  /** TOTP multi-factor (default true). */
  mfa?: boolean;
}

/** Options every target receives; target-specific settings live under `settings`. */
export interface TargetOptions {
  /** Mount routes under this prefix instead of the path of the spec's first server URL. */
  basePath?: string;
  /** What request validators do with readOnly properties sent by clients (default `defaultReadOnlyInRequests`). */
  readOnlyInRequests?: ReadOnlyInRequests;
  /** Authorization settings: the role hierarchy, the API's client address allow list, the owner column in request bodies. */
  auth?: AuthOptions;
  settings?: Record<string, unknown>;
}

export interface RenderInput {
  ir: IrDocument;
  names: NameTable;
  options: TargetOptions;
  /**
   * The root OpenAPI document as the reader read it (served at /openapi.json): copied from these bytes, never read
   * again. Absent (a render from an IR made in code), the document is read from `ir.api.file`.
   */
  document?: SourceDocument | undefined;
}

export interface RenderOutput {
  files: RenderedFile[];
  diagnostics: Diagnostic[];
}

/**
 * A target (Fastify, Express, NestJS, Koa, Hono) is a plugin folder under `generators/<name>/` exporting one of these.
 * Shared code never branches on the target's name: it looks the plugin up in the registry and calls `render`.
 */
export interface TargetPlugin {
  name: string;
  description: string;
  render(input: RenderInput): Promise<RenderOutput>;
}
