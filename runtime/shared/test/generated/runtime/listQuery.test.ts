import { describe, expect, it } from "vitest";
import { ApiError } from "../../../src/generated/runtime/errors.js";
import { parseSort } from "../../../src/generated/runtime/listQuery.js";

// src/generated/runtime/listQuery.ts: the sort parameter against its whitelist.

describe("listQuery", () => {
  const allowed = Object.assign(
    Object.create(null) as Record<string, "createdAt" | "name">,
    { created: "createdAt", name: "name" } as const,
  );

  it("reads -name, +name, name:desc and lists of them", () => {
    expect(parseSort({ value: undefined, allowed, parameter: "sort" })).toEqual([]);
    expect(parseSort({ value: "-created, +name,", allowed, parameter: "sort" })).toEqual([
      { field: "createdAt", direction: "desc" },
      { field: "name", direction: "asc" },
    ]);
    expect(parseSort({ value: ["name:DESC", "created:asc"], allowed, parameter: "sort" })).toEqual([
      { field: "name", direction: "desc" },
      { field: "createdAt", direction: "asc" },
    ]);
  });

  it("anything not on the list is a VALIDATION_ERROR naming the parameter", () => {
    for (const value of ["price", "toString", "__proto__"]) {
      expect(() => parseSort({ value, allowed, parameter: "order" }), value).toThrow(ApiError);
      try {
        parseSort({ value, allowed, parameter: "order" });
      } catch (error) {
        expect(error).toMatchObject({ code: "VALIDATION_ERROR", details: [{ field: "order" }] });
      }
    }
  });
});
