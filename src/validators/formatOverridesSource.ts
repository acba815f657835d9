/**
 * Format definitions that replace or extend ajv-formats' `fullFormats`, as JavaScript source: the same text is
 * evaluated at generation time (so Ajv sees the real definitions) and pasted into every generated module (so the
 * generated code calls exactly what was compiled against). An object literal expression, one entry per format.
 *
 * - `int64`: ajv-formats accepts any integer; JavaScript numbers are only exact up to 2^53, so we accept the safe
 *   integer range and reject larger magnitudes (they have already lost precision when the JSON was parsed).
 * - `int32`: [-2^31, 2^31 - 1] (ajv-formats' definition, restated so the range is pinned here).
 * - `float`, `double`: any number (they describe storage, not a constraint).
 */
export const formatOverridesSource = `{
  int32: { type: "number", validate: (n) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 },
  int64: { type: "number", validate: (n) => Number.isSafeInteger(n) },
  float: { type: "number", validate: () => true },
  double: { type: "number", validate: () => true },
}`;
