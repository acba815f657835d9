import type { DerivedProvider } from "../derive/PrismaSchemaPlan.js";
import type { TargetOptions } from "../targets/TargetPlugin.js";
import type { DeriveOptions } from "../derive/DeriveOptions.js";

/** One fully resolved generation job: paths relative to the working directory (absolute when outside it). */
export interface GenerationJob {
  name: string;
  openapi?: string;
  prisma?: string;
  target: string;
  out: string;
  allowRemoteRefs: boolean;
  /** Departures from the OpenAPI schema that vx-gen reads past (VX121) are errors (absent: they are warnings). */
  strict?: boolean;
  /** `--derive-db` / `deriveDb`: the Prisma schema is derived from the OpenAPI document, for this database. */
  deriveDb?: DerivedProvider;
  /** `derive`: how the API derived from a Prisma schema alone is shaped (top level and job merged, key by key). */
  derive?: DeriveOptions;
  options: TargetOptions;
  /** The config file the job came from, when there is one (watched by `vx-gen watch`). */
  configFile?: string;
}

/** Command-line flags; each one given wins over the config. */
export interface JobOverrides {
  openapi?: string;
  prisma?: string;
  target?: string;
  out?: string;
  allowRemoteRefs?: boolean;
  strict?: boolean;
  /** `--derive-db`: derive the Prisma schema (SQLite) from the OpenAPI document. */
  deriveDb?: boolean;
  /** Run only this job of the config. */
  job?: string;
}
