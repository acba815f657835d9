import { camelCase, pascalCase } from "../naming/caseConversion.js";

/** Names Prisma keeps for itself (its scalar types and client namespaces) or that generated code cannot use as a model. */
const reservedModelNames = new Set(
  "String Boolean Int BigInt Float Decimal DateTime Json Bytes Unsupported Prisma PrismaClient Model Enum".split(" ").map((n) => n.toLowerCase()),
);

/**
 * A Prisma identifier for a spec name: ASCII letters and digits only (Prisma's rule), PascalCase for models and enums,
 * camelCase for fields, starting with a letter (`fallback` prefixes one that would not, or stands for an empty
 * result). Pure: the same name always gives the same identifier; collisions are settled by `allocateNames`.
 */
export function prismaIdentifier({ name, style, fallback }: { name: string; style: "pascal" | "camel"; fallback: string }): string {
  const ascii = name.normalize("NFKD").replace(/[^A-Za-z0-9]+/g, " ");
  const converted = style === "pascal" ? pascalCase(ascii) : camelCase(ascii);
  if (converted === "") return fallback;
  const started = /^[A-Za-z]/.test(converted) ? converted : `${fallback}${style === "pascal" ? converted : converted.charAt(0).toUpperCase() + converted.slice(1)}`;
  return style === "pascal" && reservedModelNames.has(started.toLowerCase()) ? `${started}${fallback}` : started;
}
