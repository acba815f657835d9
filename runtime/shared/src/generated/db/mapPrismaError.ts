import { ApiError } from "../runtime/errors.js";

interface KnownRequestError {
  code: string;
  message: string;
  meta?: Record<string, unknown>;
}

function isKnownRequestError(error: unknown): error is KnownRequestError {
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    typeof (error as { code: unknown }).code === "string" &&
    /^P\d{4}$/.test((error as { code: string }).code)
  );
}

function fieldsOf(meta: Record<string, unknown> | undefined): string[] {
  const target = meta?.target;
  if (Array.isArray(target)) return target.filter((t): t is string => typeof t === "string");
  if (typeof target === "string") return [target];
  const cause = (meta?.driverAdapterError as { cause?: { constraint?: { fields?: unknown } } } | undefined)?.cause;
  const fields = cause?.constraint?.fields;
  return Array.isArray(fields) ? fields.filter((f): f is string => typeof f === "string") : [];
}

/**
 * Turns Prisma's known errors into API errors: unique violation (P2002) -> 409 CONFLICT, record not found (P2025,
 * P2001, P2015, P2018) -> 404 NOT_FOUND, foreign key or required relation violation (P2003, P2014) -> 409 CONFLICT.
 * Anything else is rethrown as is (the error handler answers 500 and logs it).
 */
export function mapPrismaError({ error, model }: { error: unknown; model: string }): unknown {
  if (!isKnownRequestError(error)) return error;
  switch (error.code) {
    case "P2002": {
      const fields = fieldsOf(error.meta);
      return new ApiError({
        code: "CONFLICT",
        message: `a ${model} with the same ${fields.length > 0 ? fields.join(", ") : "unique value"} already exists`,
        details: fields.map((field) => ({ field, message: "must be unique" })),
        cause: error,
      });
    }
    case "P2001":
    case "P2015":
    case "P2018":
    case "P2025":
      return new ApiError({ code: "NOT_FOUND", message: `${model} not found`, cause: error });
    case "P2003":
    case "P2014":
      return new ApiError({
        code: "CONFLICT",
        message: `the ${model} refers to a record that does not exist, or is still referred to`,
        cause: error,
      });
    default:
      return error;
  }
}

/**
 * Runs a database call, mapping Prisma's errors to API errors. Chained on Prisma's own promise (no async function
 * awaiting it): a query costs no extra promise layer for the mapping.
 */
export function guard<T>({ model, run }: { model: string; run: () => Promise<T> }): Promise<T> {
  let pending: Promise<T>;
  try {
    pending = run();
  } catch (error) {
    return Promise.reject(mapPrismaError({ error, model }));
  }
  return pending.then(undefined, (error: unknown) => {
    throw mapPrismaError({ error, model });
  });
}
