/** Providers `vx-gen derive prisma` writes schemas for. */
export type DerivedProvider = "sqlite" | "postgresql" | "mysql";

export const derivedProviders: readonly DerivedProvider[] = ["sqlite", "postgresql", "mysql"];

/** One field of a derived model: its name and type are identifiers from `prismaIdentifier`, its attributes code. */
export interface PlannedField {
  name: string;
  /** A scalar type, an enum or a model name. */
  type: string;
  list: boolean;
  optional: boolean;
  /** Field attributes as Prisma code (`@id`, `@default("x")`): every spec string in them went through `src/emit`. */
  attributesCode: string[];
  /** What was guessed (printed as `///` comments through `src/emit`). */
  notes: string[];
  /** The property it comes from (absent for a key or relation field the API does not show). */
  property?: string;
}

export interface PlannedModel {
  name: string;
  /** The named OpenAPI schema it comes from. */
  schema: string;
  fields: PlannedField[];
  notes: string[];
  /** `@@map("...")` code: a table name short enough for the database's constraint names (long model names only). */
  mapCode?: string;
}

export interface PlannedEnum {
  name: string;
  /** Prisma name, the API's spelling, and `@map(...)` code when they differ. */
  values: { name: string; api: string; mapCode?: string }[];
  notes: string[];
}

/** A derived Prisma schema as data (`printPrismaSchema` prints it). Models and enums sorted by name. */
export interface PrismaSchemaPlan {
  provider: DerivedProvider;
  /** Where it came from, for the header comment (escaped when printed). */
  from: string;
  models: PlannedModel[];
  enums: PlannedEnum[];
}
