import { fullFormats } from "ajv-formats/dist/formats.js";
import type { Format } from "ajv";
import { formatOverridesSource } from "./formatOverridesSource.js";

/** Formats that describe data but assert nothing (`password` hides input, `binary` is raw bytes). */
const annotationFormats = ["password", "binary"];

let cached: Record<string, Format> | undefined;

/**
 * Every format a generated validator checks, by name: ajv-formats' full set (date, date-time, time, email, uuid, uri,
 * ipv4, ipv6, hostname, byte, ...) with the overrides of `formatOverridesSource`. `true` means "known, not checked".
 */
export function knownFormats(): Record<string, Format> {
  if (cached) return cached;
  const overrides = new Function(`return (${formatOverridesSource});`)() as Record<string, Format>;
  const formats: Record<string, Format> = { ...(fullFormats as Record<string, Format>), ...overrides };
  for (const name of annotationFormats) formats[name] = true;
  cached = formats;
  return formats;
}
