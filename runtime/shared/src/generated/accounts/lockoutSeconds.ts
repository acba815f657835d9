/**
 * How long a key is locked after its `failures`-th failure: nothing before `maxFailures`, then `baseSeconds`, doubling
 * per further failure, capped at `maxSeconds`.
 */
export function lockoutSeconds({
  failures,
  maxFailures,
  baseSeconds,
  maxSeconds,
}: {
  failures: number;
  maxFailures: number;
  baseSeconds: number;
  maxSeconds: number;
}): number {
  if (failures < maxFailures) return 0;
  const doublings = Math.min(failures - maxFailures, 30);
  return Math.min(baseSeconds * 2 ** doublings, maxSeconds);
}
