import type { Options } from "yargs";

/** Options shared by every command that reads the sources. */
export const inputOptions = {
  openapi: { type: "string", describe: "OpenAPI/Swagger root document (YAML or JSON)", normalize: true },
  prisma: { type: "string", describe: "Prisma schema file, or a folder of .prisma files", normalize: true },
  "allow-remote-refs": { type: "boolean", default: false, describe: "Follow http(s) $refs (refused by default)" },
  strict: { type: "boolean", default: false, describe: "Treat departures from the OpenAPI schema that vx-gen can read past (VX121 warnings) as errors: exit 1" },
  verbose: { type: "boolean", default: false, describe: "Show info diagnostics and stack traces of internal errors" },
} as const satisfies Record<string, Options>;

export interface InputArgs {
  openapi?: string;
  prisma?: string;
  "allow-remote-refs": boolean;
  strict: boolean;
  verbose: boolean;
}
