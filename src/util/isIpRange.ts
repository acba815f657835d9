import { isIP } from "node:net";

/**
 * Whether a string is an IPv4 or IPv6 address (`127.0.0.1`, `::1`) or CIDR range (`10.0.0.0/8`, `2001:db8::/32`), as
 * the generated `runtime/accessCheck.ts` (`parseIpRange`) reads allow lists: no zone id, a decimal prefix without
 * leading zeros, at most 32 (IPv4) or 128 (IPv6).
 */
export function isIpRange(text: string): boolean {
  const slash = text.indexOf("/");
  const address = slash < 0 ? text : text.slice(0, slash);
  const version = address.includes("%") ? 0 : isIP(address);
  if (version === 0) return false;
  if (slash < 0) return true;
  const prefix = text.slice(slash + 1);
  return /^(0|[1-9][0-9]{0,2})$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}
