/** How `derive openapi` shapes the document (the `derive` key of the config, and `derive openapi`'s flags). */
export interface DeriveOptions {
  /** A Decimal column as a `string` of digits (the default: exact, JSON-safe) or a JSON `number` (may round beyond 15 digits). */
  decimal?: DecimalStyle;
}

export type DecimalStyle = "string" | "number";
