/** Milliseconds per unit of a written duration. */
const unitMs: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The longest window accepted: one day (a longer rate-limit window is a ban, not a limit). */
export const maxWindowMs = 86_400_000;

/**
 * A rate-limit window written as `"1m"`, `"30s"`, `"500ms"`, `"2h"`, `"1d"`, or a number of milliseconds (a number or
 * digits), in milliseconds; `undefined` when it is none of those, zero, or longer than a day.
 */
export function parseWindow(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) && value > 0 && value <= maxWindowMs ? value : undefined;
  if (typeof value !== "string") return undefined;
  const match = /^(\d{1,9})(ms|s|m|h|d)?$/.exec(value.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * (unitMs[match[2] ?? "ms"] ?? 1);
  return ms > 0 && ms <= maxWindowMs ? ms : undefined;
}
