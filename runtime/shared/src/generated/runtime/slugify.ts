import { ApiError } from "./errors.js";

/**
 * A URL slug from a text: accents dropped (NFKD, combining marks removed), lowercase, every run of other characters
 * turned into one `-`, no `-` at either end, at most `maxLength` characters (cut at a `-` when one is near), and
 * `item` when nothing is left. Always matches `^[a-z0-9-]+$`.
 */
export function slugify({ text, maxLength }: { text: string; maxLength?: number }): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const limit = maxLength === undefined ? Number.POSITIVE_INFINITY : Math.max(1, maxLength);
  const cut = words.slice(0, limit).replace(/-+$/, "");
  return cut.length > 0 ? cut : "item".slice(0, limit);
}

/** The `n`th candidate for a slug: the base, then `<base>-2`, `<base>-3`, ..., the base shortened to fit `maxLength`. */
export function slugCandidate({ base, n, maxLength }: { base: string; n: number; maxLength?: number }): string {
  if (n <= 1) return base;
  const suffix = `-${n}`;
  const room = maxLength === undefined ? base.length : Math.max(0, maxLength - suffix.length);
  const head = base.slice(0, room).replace(/-+$/, "");
  return `${head.length > 0 ? head : "item".slice(0, Math.max(1, room))}${suffix}`;
}

/** The strings a field or index list may be: kept when they are strings. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * The columns or index a unique violation names: the 409's details, else Prisma's error (its cause): `meta.target`,
 * or the driver adapter's constraint (`fields`, or the `index` PostgreSQL and MariaDB name, `Article_slug_key`).
 */
function conflictNames(error: ApiError): string[] {
  const meta = (error.cause as { meta?: Record<string, unknown> } | undefined)?.meta;
  const adapter = meta?.driverAdapterError as
    { cause?: { constraint?: { fields?: unknown; index?: unknown } } } | undefined;
  const constraint = adapter?.cause?.constraint;
  return [
    ...error.details.map((detail) => detail.field),
    ...strings(meta?.target),
    ...strings(constraint?.fields),
    ...strings(constraint?.index),
  ];
}

/** Whether a write was refused because another row has the same value in one of `columns` (a 409 from the guard). */
export function isSlugConflict({ error, columns }: { error: unknown; columns: readonly string[] }): boolean {
  if (!(error instanceof ApiError) || error.code !== "CONFLICT") return false;
  return conflictNames(error).some((name) => columns.some((c) => name === c || name.endsWith(`_${c}_key`)));
}

/**
 * Creates a row whose unique slug is derived from `text`: `create(slug)` with the slug, and on a conflict on the slug
 * column again with `-2`, `-3`, ... up to `maxTries` candidates; the last conflict (or any other error) is thrown as
 * it is (409 CONFLICT).
 */
export async function createWithSlug<T>({
  text,
  maxLength,
  columns,
  maxTries = 20,
  create,
}: {
  text: string;
  maxLength?: number;
  columns: readonly string[];
  maxTries?: number;
  create: (slug: string) => Promise<T>;
}): Promise<T> {
  const base = slugify({ text, ...(maxLength === undefined ? {} : { maxLength }) });
  for (let n = 1; ; n += 1) {
    const slug = slugCandidate({ base, n, ...(maxLength === undefined ? {} : { maxLength }) });
    try {
      return await create(slug);
    } catch (error) {
      if (n >= maxTries || !isSlugConflict({ error, columns })) throw error;
    }
  }
}
