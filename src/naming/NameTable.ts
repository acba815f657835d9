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
}
