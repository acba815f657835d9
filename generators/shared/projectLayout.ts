import { posix } from "node:path";
import { tsString } from "../../src/emit/tsString.js";

/**
 * Every file of a generated project by its role: paths relative to the project root, `/`-separated. Renderers,
 * templates and targets ask here for where a file goes and how one generated module imports another (`importPath`);
 * no other module spells a generated path. File stems come from `src/naming` (`names.file`).
 */
export const projectLayout = {
  schemaTypes: (variant: "request" | "response") => `src/generated/types/schemas.${variant}.ts`,
  httpTypes: "src/generated/types/http.ts",
  operationTypes: "src/generated/types/operations.ts",
  /** One module per operation group under it (`operations/<group>.ts`). */
  operationTypesDir: "src/generated/types/operations",
  runtime: (name: string) => `src/generated/runtime/${name}.ts`,
  /** `npm run bench`'s modules (runtime/shared/src/generated/bench/) and its entry, `bench.ts`. */
  bench: (name: string) => `src/generated/bench/${name}.ts`,
  validationDir: "src/generated/validation",
  /** The request validators' index (`operationValidators`), their shared run-time module, one module per unit and per group. */
  validationIndex: "src/generated/validation/index.ts",
  validationRuntime: "src/generated/validation/runtime.ts",
  validator: (file: string) => `src/generated/validation/${file}.ts`,
  validationGroup: (file: string) => `src/generated/validation/operations/${file}.ts`,
  openApiDocument: "src/generated/openapi.json",
  /** The API derived from the Prisma schema when no OpenAPI document was given: the user's to edit and pass as --openapi. */
  derivedOpenApi: "openapi.derived.yaml",
  /** The database derived from the API with `--derive-db`: the user's to edit and pass as --prisma. */
  derivedPrisma: "schema.derived.prisma",
  securityTypes: "src/generated/security/types.ts",
  securityVerifiers: "src/generated/security/verifiers.ts",
  /** Each scheme's principal type, read from the user's setup of its verifier (the handlers' `context.auth`). */
  schemePrincipals: "src/generated/security/schemePrincipals.ts",
  /** The user's per-operation policies (`Policies`), created once. */
  policies: "src/policies.ts",
  /** The API's authorization settings (role hierarchy, client address allow list) from the config. */
  securityAccess: "src/generated/security/access.ts",
  verifierScaffold: (file: string) => `src/security/${file}.ts`,
  /** The default verifiers' run-time modules (runtime/shared/src/generated/auth/). */
  auth: (name: string) => `src/generated/auth/${name}.ts`,
  /** The accounts' run-time modules (runtime/shared/src/generated/accounts/) and the project's own glue of them. */
  accounts: (name: string) => `src/generated/accounts/${name}.ts`,
  /** The handlers of the accounts routes (register, login...). */
  accountsHandlers: "src/generated/accounts/handlers.ts",
  accountsTests: (name: string) => `test/generated/accounts/${name}.ts`,
  handlerScaffold: (file: string) => `src/handlers/${file}.ts`,
  handlerIndex: "src/generated/handlers/index.ts",
  boundHandlers: (file: string) => `src/generated/handlers/${file}.handlers.ts`,
  prismaSchema: "prisma/schema.prisma",
  /** A MySQL/MariaDB project's tables as SQL, which `npm run db:push` runs offline (pushSchema.ts). */
  prismaMysqlScript: "prisma/schema.mysql.sql",
  /** Prisma Client as `prisma generate` writes it (never by vx-gen). */
  prismaClient: "src/generated/prisma/client.ts",
  prismaClientDir: "src/generated/prisma",
  db: (name: string) => `src/generated/db/${name}.ts`,
  repository: (file: string) => `src/generated/repositories/${file}.repository.ts`,
  mapper: (file: string) => `src/generated/mappers/${file}.mapper.ts`,
  enumMaps: "src/generated/mappers/enums.ts",
  serviceBase: (file: string) => `src/generated/services/${file}.service.base.ts`,
  serviceScaffold: (file: string) => `src/services/${file}.service.ts`,
  serviceIndex: "src/generated/services/index.ts",
  serviceDeps: "src/generated/services/ServiceDeps.ts",
  modelTests: (file: string) => `test/generated/${file}.test.ts`,
  serviceTests: (file: string) => `test/generated/${file}.service.test.ts`,
  factories: "test/generated/support/factories.ts",
  assertions: "test/generated/support/assertions.ts",
  /** The target's test harness (`createTestApi`), written by the target plugin. */
  testApi: "test/generated/support/testApi.ts",
  /** The test-client contract every target's `testApi.ts` implements. */
  testClient: "test/generated/support/testClient.ts",
  /** The real app's answers to what no operation documents. */
  httpTests: "test/generated/http.test.ts",
  /** Tests of operations vx-gen does not implement, one module per group under it. */
  todoTestsDir: "test/generated/not-generated",
  runtimeTests: (name: string) => `test/generated/runtime/${name}.test.ts`,
  benchTests: (name: string) => `test/generated/bench/${name}.test.ts`,
  dbTests: (name: string) => `test/generated/db/${name}.test.ts`,
  /** The default verifiers' shipped tests and their helpers (`name` with its `.test` when it is one). */
  authTests: (name: string) => `test/generated/auth/${name}.ts`,
} as const;

/**
 * The module specifier by which the generated file `from` imports the generated file `to` (both project paths):
 * relative, `./` or `../` first, `.ts` written `.js` (ESM as Node resolves it after `tsc`).
 */
export function importPath({ from, to }: { from: string; to: string }): string {
  const relative = posix.relative(posix.dirname(from), to).replace(/\.ts$/, ".js");
  return relative.startsWith(".") ? relative : `./${relative}`;
}

/** A directory's path relative to the file `from` (`../src/generated/prisma`), for configuration that names folders. */
export function relativeDir({ from, to }: { from: string; to: string }): string {
  const relative = posix.relative(posix.dirname(from), to);
  return relative.startsWith(".") ? relative : `./${relative}`;
}

/** `importPath` as a string literal, as a template prints it after `from`. */
export function importLiteral({ from, to }: { from: string; to: string }): string {
  return tsString(importPath({ from, to }));
}
