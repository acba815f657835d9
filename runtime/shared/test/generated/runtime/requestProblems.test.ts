import { describe, expect, it } from "vitest";
import {
  maxRequestProblems,
  parameterDetailField,
  RequestProblems,
} from "../../../src/generated/runtime/requestProblems.js";
import type { Validator } from "../../../src/generated/validation/index.js";

// src/generated/runtime/requestProblems.ts: every problem of a request, answered at once.

const failing =
  (...fields: string[]): Validator =>
  () => ({
    valid: false,
    errors: fields.map((field) => ({ field, message: `bad ${field || "part"}`, keyword: "type" })),
  });
const passing: Validator = () => ({ valid: true, errors: [] });

describe("RequestProblems", () => {
  it("no problem: no error", () => {
    const problems = new RequestProblems();
    problems.check({ part: "body", validate: passing, value: {} });
    problems.check({ part: "query", validate: undefined, value: {} });
    expect(problems.error()).toBeUndefined();
  });

  it("lists the problems of every part in one 400, naming the parts in checking order", () => {
    const problems = new RequestProblems();
    problems.unreadable([{ field: "path.bookId", message: "must be an integer", keyword: "type" }]);
    problems.check({ part: "query", validate: failing("limit"), value: {} });
    problems.check({ part: "body", validate: failing("", "title"), value: 1 });
    problems.check({ part: "headers", validate: failing("x-trace"), value: {} });
    const error = problems.error();
    expect(error?.status).toBe(400);
    expect(error?.code).toBe("VALIDATION_ERROR");
    expect(error?.message).toBe("invalid path, body, query and header");
    expect(error?.details).toEqual([
      { field: "bookId", message: "must be an integer" },
      { field: "limit", message: "bad limit" },
      { field: "body", message: "bad part" },
      { field: "title", message: "bad title" },
      { field: "x-trace", message: "bad x-trace" },
    ]);
  });

  it("a part with unreadable parameters is not schema-checked again (its problems would repeat)", () => {
    const problems = new RequestProblems();
    problems.unreadable([{ field: 'header["x-limit"]', message: "must be an integer", keyword: "type" }]);
    problems.check({ part: "headers", validate: failing("x-limit"), value: {} });
    expect(problems.has("headers")).toBe(true);
    expect(problems.error()?.message).toBe("invalid header");
    expect(problems.error()?.details).toEqual([{ field: "x-limit", message: "must be an integer" }]);
  });

  it("answers at most 20 problems, the first found", () => {
    const problems = new RequestProblems();
    problems.check({ part: "query", validate: failing(...Array.from({ length: 15 }, (_, i) => `q${i}`)), value: {} });
    problems.check({ part: "cookies", validate: failing(...Array.from({ length: 15 }, (_, i) => `c${i}`)), value: {} });
    const details = problems.error()?.details ?? [];
    expect(details).toHaveLength(maxRequestProblems);
    expect(details[0]?.field).toBe("q0");
    expect(details.at(-1)?.field).toBe("c4");
    expect(problems.error()?.message).toBe("invalid query and cookie");
  });

  it("details name the parameter itself", () => {
    expect(parameterDetailField({ field: "query.ids[1]", message: "m", keyword: "k" })).toBe("ids[1]");
    expect(parameterDetailField({ field: 'header["x-limit"]', message: "m", keyword: "k" })).toBe("x-limit");
    expect(parameterDetailField({ field: 'cookie["a\\"b"].c', message: "m", keyword: "k" })).toBe('a"b.c');
  });
});
