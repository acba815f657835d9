/** How `derive openapi` shapes the document (the `derive` key of the config, and `derive openapi`'s flags). */
export interface DeriveOptions {
  /** A Decimal column as a `string` of digits (the default: exact, JSON-safe) or a JSON `number` (may round beyond 15 digits). */
  decimal?: DecimalStyle;
  /** Only these models (and views) get operations; absent: every one. `@vx.hidden` still hides. */
  include?: string[];
  /** These models (and views) get no operations, as though `@vx.hidden`. */
  exclude?: string[];
  /** The document's server URL (`/api/v1`): the generated server mounts the routes under it. */
  basePath?: string;
  /** How lists page: `offset` (`limit` and `offset`, the default) or `cursor` (`limit` and `cursor`, the id of the last record seen). */
  pagination?: PaginationStyle;
}

export type DecimalStyle = "string" | "number";
export type PaginationStyle = "offset" | "cursor";
