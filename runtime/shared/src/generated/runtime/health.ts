/** What `GET /healthz` answers while the process runs: it does no I/O, so it says only that the server answers. */
export const liveness = { status: "ok" } as const;

/** One dependency `GET /readyz` checks (the database, Redis): `check` resolves when it is reachable. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<unknown>;
}

/** What the Redis check needs of a client: an `ioredis` instance has it. */
export interface RedisPing {
  ping(): Promise<unknown>;
}

/**
 * The `redis` check of `GET /readyz` on the project's own connection (REDIS_URL: the rate-limit counters', else the
 * accounts' deny list's), so a probe opens no connection: a PING; none when the project has no Redis.
 */
export function redisReadiness(client: RedisPing | undefined): ReadinessCheck[] {
  return client === undefined ? [] : [{ name: "redis", check: () => client.ping() }];
}

/** What `GET /readyz` answers: 200 when every dependency answered in time, else 503 naming those that did not. */
export type Readiness =
  { status: 200; body: { status: "ready" } } | { status: 503; body: { status: "unavailable"; failing: string[] } };

/** How long `GET /readyz` waits for each dependency, in milliseconds. */
export const readinessTimeoutMs = 2_000;

/**
 * `check` resolved within `timeoutMs` (a rejection or no answer in time: false; the timer never keeps the process
 * up).
 */
async function answersInTime({
  check,
  timeoutMs,
}: {
  check: () => Promise<unknown>;
  timeoutMs: number;
}): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([check().then(() => true), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs every check at once, each within `timeoutMs`: ready when all answered, else unavailable with the names of the
 * failing ones (in the order of `checks`). Errors are not reported: they may name hosts or credentials.
 */
export async function readiness({
  checks,
  timeoutMs = readinessTimeoutMs,
}: {
  checks: readonly ReadinessCheck[];
  timeoutMs?: number;
}): Promise<Readiness> {
  const results = await Promise.all(checks.map((c) => answersInTime({ check: c.check, timeoutMs })));
  const failing = checks.filter((_c, index) => !results[index]).map((c) => c.name);
  return failing.length === 0
    ? { status: 200, body: { status: "ready" } }
    : { status: 503, body: { status: "unavailable", failing } };
}
