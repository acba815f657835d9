import { describe, expect, it } from "vitest";
import { guard, mapPrismaError } from "../../../src/generated/db/mapPrismaError.js";
import { ApiError } from "../../../src/generated/runtime/errors.js";

// How database errors become API errors (src/generated/db/mapPrismaError.ts), on its own.

/** An error shaped like Prisma's known request errors. */
function prismaError({ code, meta }: { code: string; meta?: Record<string, unknown> }): Error {
  return Object.assign(new Error(`prisma ${code}`), { code, ...(meta ? { meta } : {}) });
}

describe("mapPrismaError", () => {
  it("a unique violation is 409 CONFLICT naming the fields, however the driver names them", () => {
    const metas: [Record<string, unknown> | undefined, string[]][] = [
      [{ target: ["email", 3] }, ["email"]],
      [{ target: "email" }, ["email"]],
      [{ driverAdapterError: { cause: { constraint: { fields: ["a", "b"] } } } }, ["a", "b"]],
      [{ driverAdapterError: { cause: {} } }, []],
      [undefined, []],
    ];
    for (const [meta, fields] of metas) {
      const mapped = mapPrismaError({
        error: prismaError({ code: "P2002", ...(meta ? { meta } : {}) }),
        model: "Thing",
      });
      expect(mapped).toBeInstanceOf(ApiError);
      expect(mapped).toMatchObject({ code: "CONFLICT", status: 409, details: fields.map((field) => ({ field })) });
      expect((mapped as ApiError).message).toContain(fields.length > 0 ? fields.join(", ") : "unique value");
    }
  });

  it("missing records are 404, broken references 409, anything else is rethrown as is", () => {
    for (const code of ["P2001", "P2015", "P2018", "P2025"])
      expect(mapPrismaError({ error: prismaError({ code }), model: "Thing" })).toMatchObject({
        code: "NOT_FOUND",
        status: 404,
      });
    for (const code of ["P2003", "P2014"])
      expect(mapPrismaError({ error: prismaError({ code }), model: "Thing" })).toMatchObject({
        code: "CONFLICT",
        status: 409,
      });
    for (const error of [
      prismaError({ code: "P1001" }),
      prismaError({ code: "E42" }),
      new Error("plain"),
      "text",
      null,
      { code: 7 },
    ])
      expect(mapPrismaError({ error, model: "Thing" })).toBe(error);
  });

  it("guard passes results through and maps what the call throws", async () => {
    await expect(guard({ model: "Thing", run: async () => 42 })).resolves.toBe(42);
    await expect(
      guard({
        model: "Thing",
        run: async () => {
          throw prismaError({ code: "P2025" });
        },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
