/** One violation found by a generated validator. */
export interface ValidationIssue {
  /** Path of the offending value, e.g. `items[2].price`; the root value is `""`. */
  field: string;
  /** A sentence a person can act on, e.g. `must be a number (got string)`. */
  message: string;
  /** The JSON Schema keyword that failed, e.g. `type`, `required`, `additionalProperties`. */
  keyword: string;
}

/** What the default export of a generated validator module returns. */
export interface ValidationResult {
  valid: boolean;
  /** Every violation (all at once), at most the module's bound (20 unless configured); empty when valid. */
  errors: ValidationIssue[];
}

/** The default export of a generated validator module. */
export type GeneratedValidator = (data: unknown) => ValidationResult;
