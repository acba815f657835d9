/**
 * Every identifier and file path generated code uses, decided once by `resolveNames` (src/naming/resolveNames.ts).
 * Generators and templates ask this table; they never build names themselves.
 */
export interface NameTable {
  /** TypeScript type name of a named schema (`components/schemas` key), PascalCase and unique, e.g. `Pet`, `PetList`. */
  schemaType(schemaName: string): string;
  /** Names derived from a Prisma model. */
  model(modelName: string): ModelNames;
  /** Names derived from an operation. */
  operation(operationId: string): OperationNames;
  /** TypeScript type name of a Prisma enum. */
  enumType(enumName: string): string;
  /** Names derived from a security scheme (`components/securitySchemes` key). */
  securityScheme(schemeName: string): SchemeNames;
}

export interface SchemeNames {
  /** camelCase verifier function, unique, e.g. `verifyBearerAuth`. */
  verifier: string;
  /** kebab-case file stem (src/security/<file>.ts), unique also across case-insensitive file systems, e.g. `bearer-auth`. */
  file: string;
}

export interface ModelNames {
  /** PascalCase type name, e.g. `BookAuthor`. */
  type: string;
  /** camelCase singular, e.g. `bookAuthor` (Prisma Client's delegate name). */
  variable: string;
  /** camelCase plural, e.g. `bookAuthors`. */
  plural: string;
  /** kebab-case file stem, e.g. `book-author`. */
  file: string;
}

export interface OperationNames {
  /** camelCase function name, e.g. `listPets`. */
  handler: string;
  /** PascalCase prefix for its types, e.g. `ListPets` -> `ListPetsRequest`, `ListPetsResponse`. */
  type: string;
  /** kebab-case file stem, e.g. `list-pets`. */
  file: string;
  /** The group its types, routes, response schemas and todo tests are written in (one object per group). */
  group: GroupNames;
}

/**
 * A group of operations: those whose first tag is `tag`, or those without tags (the `default` group). Big files of
 * per-operation output are split by group, so a change to one operation rewrites its group's files only.
 */
export interface GroupNames {
  /** The tag as the spec writes it; undefined for the operations without tags. */
  tag: string | undefined;
  /** kebab-case file stem, unique (also across case-insensitive file systems), e.g. `pets`, `code-scanning`, `default`. */
  file: string;
  /** PascalCase prefix, unique, e.g. `CodeScanning` -> `CodeScanningHandlers`, `registerCodeScanningRoutes`. */
  type: string;
}
