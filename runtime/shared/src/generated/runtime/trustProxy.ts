import { isIP } from "node:net";

/**
 * Which proxies in front of the server are trusted to say who the client is (`X-Forwarded-For`, `X-Forwarded-Proto`,
 * `X-Forwarded-Host`): none (`false`, the default: the client is the connection's address, and a forged header
 * changes nothing), every one (`true`), as many hops as the number says (for a server only its proxies can reach),
 * or the proxies at the listed addresses and
 * ranges (`10.0.0.0/8`, or `loopback`, `linklocal`, `uniquelocal`). Fastify's `trustProxy` and Express's
 * `trust proxy` take it as it is.
 */
export type TrustProxy = boolean | number | readonly string[];

/** The names proxy-addr (used by Fastify and Express) understands for the usual private ranges. */
const rangeNames: readonly string[] = ["loopback", "linklocal", "uniquelocal"];

/** `entry` as an address, a CIDR range (`10.0.0.0/8`, `fd00::/8`) or a range name, else undefined. */
function proxyEntryOf(entry: string): string | undefined {
  if (rangeNames.includes(entry)) return entry;
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return undefined;
  if (prefix === undefined) return entry;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
  return bits <= (family === 4 ? 32 : 128) ? entry : undefined;
}

/**
 * TRUST_PROXY as a `TrustProxy` (empty: `false`): `true`/`false`, a hop count (a whole number from 1 to 100), or a
 * comma-separated list of addresses, CIDR ranges and range names. Anything else is a problem pushed to `problems`.
 */
export function trustProxyOf({ text, problems }: { text: string; problems: string[] }): TrustProxy {
  if (text === "" || text === "false") return false;
  if (text === "true") return true;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops >= 1 && hops <= 100) return hops;
    problems.push(`TRUST_PROXY=${JSON.stringify(text)}: a hop count is a whole number from 1 to 100`);
    return false;
  }
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const wrong = entries.filter((entry) => proxyEntryOf(entry) === undefined);
  for (const entry of wrong)
    problems.push(
      `TRUST_PROXY: ${JSON.stringify(entry)} is not an address, a CIDR range or one of ${rangeNames.join(", ")} ` +
        "(expected true, false, a hop count or a comma-separated list)",
    );
  return wrong.length === 0 ? entries : false;
}

/**
 * The value Fastify's `trustProxy` and Express's `trust proxy` setting take for `trust`: a list as one string, a hop
 * count as the function Express makes of it (the first `hops` addresses from the connection's are proxies). A hop
 * count trusts whoever connects, so it fits only a server that nothing reaches but through its proxies.
 */
export function frameworkTrustProxy(trust: TrustProxy): boolean | string | ((address: string, hop: number) => boolean) {
  if (typeof trust === "number") return (_address, hop) => hop < trust;
  return typeof trust === "object" ? trust.join(",") : trust;
}
