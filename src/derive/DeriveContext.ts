import type { NamedSchema, SchemaNode } from "../ir/types.js";
import type { DerivedProvider, PlannedEnum } from "./PrismaSchemaPlan.js";

/** What every model's planning reads: the API's schemas, the chosen names, the provider. */
export interface DeriveContext {
  schemas: Map<string, NamedSchema>;
  provider: DerivedProvider;
  /** Named schema -> model name, for every schema that became a model. */
  modelOfSchema: Map<string, string>;
  /** Squashed model and schema words (`author`, `authors`) -> model name, for `xxxId` properties. */
  modelOfWord: Map<string, string>;
  /** Enum candidate (`BookStatus`, `Book.status`) -> its planned enum. */
  enumOf: Map<string, PlannedEnum>;
  /** The raw JSON value a schema node was read from (for `x-vx-unique`), if it can be found. */
  rawOf: (node: SchemaNode) => unknown;
}
