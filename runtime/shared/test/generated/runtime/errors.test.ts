import { describe, expect, it } from "vitest";
import { ApiError, errorBody, errorStatus, notFound, notImplemented } from "../../../src/generated/runtime/errors.js";

// src/generated/runtime/errors.ts: the error codes, their statuses and the one error format.

describe("errors", () => {
  it("each code answers its status, in the one error format", () => {
    for (const [code, status] of Object.entries(errorStatus) as [keyof typeof errorStatus, number][]) {
      const error = new ApiError({ code, message: "m" });
      expect(error.status).toBe(status);
      expect(error.details).toEqual([]);
      expect(errorBody({ code, message: "m" })).toEqual({
        error: { code, message: "m", details: [], timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
      });
    }
  });

  it("keeps the cause and the details; notFound and notImplemented answer 404 and 501", () => {
    const cause = new Error("underlying");
    const error = new ApiError({ code: "CONFLICT", message: "m", details: [{ field: "f", message: "d" }], cause });
    expect(error).toMatchObject({ name: "ApiError", cause, details: [{ field: "f", message: "d" }] });
    expect(notFound("gone")).toMatchObject({ code: "NOT_FOUND", status: 404, message: "gone" });
    expect(notImplemented("someOperation")).toMatchObject({ code: "NOT_IMPLEMENTED", status: 501 });
    expect(notImplemented("someOperation").message).toContain("someOperation");
  });
});
