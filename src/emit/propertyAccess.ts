import { tsString } from "./tsString.js";

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `object.name`, or `object["name"]` when the name is not an ASCII identifier. */
export function propertyAccess({ object, name }: { object: string; name: string }): string {
  return identifier.test(name) ? `${object}.${name}` : `${object}[${tsString(name)}]`;
}
