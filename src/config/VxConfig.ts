import type { DerivedProvider } from "../derive/PrismaSchemaPlan.js";
import type { TargetOptions } from "../targets/TargetPlugin.js";
import type { DeriveOptions } from "../derive/DeriveOptions.js";

/** Settings of one generation job (paths relative to the config file). */
export interface VxJobSettings {
  /** OpenAPI/Swagger root document (YAML or JSON). */
  openapi?: string;
  /** Prisma schema file, or a folder of `.prisma` files. */
  prisma?: string;
  /** Target plugin (`fastify`, `express`); `fastify` by default. */
  target?: string;
  /** Output folder; vx-gen keeps `.vx-manifest.json` in it. */
  out?: string;
  /** Follow http(s) `$ref`s (refused by default). */
  allowRemoteRefs?: boolean;
  /** Refuse documents that depart from the OpenAPI schema even where vx-gen could read past it (VX121 warnings become errors). */
  strict?: boolean;
  /** With `openapi` and no `prisma`: derive the database from the API (`true`: SQLite, or the provider named). */
  deriveDb?: boolean | DerivedProvider;
  /** With `prisma` and no `openapi`: how the derived API is shaped (`docs/derive.md`). */
  derive?: DeriveOptions;
  options?: TargetOptions;
}

/**
 * The shape of `vx.config.ts` (default export), `vx.config.json` or the `"vx"` key of package.json; validated against
 * `schemas/vx.config.schema.json`. Top-level settings apply to every job, a job's own settings win, CLI flags win over both.
 */
export interface VxConfig extends VxJobSettings {
  $schema?: string;
  /** Several generation jobs (e.g. two APIs, or one spec to two targets); without `jobs` the config is one job. */
  jobs?: (VxJobSettings & { name: string })[];
}
