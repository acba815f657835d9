import { describe, expect, it } from "vitest";
import { ApiError } from "../../../src/generated/runtime/errors.js";
import { createWithSlug, isSlugConflict, slugCandidate, slugify } from "../../../src/generated/runtime/slugify.js";

// src/generated/runtime/slugify.ts: slugs derived from another field on create, unique with a numbered suffix.

const conflict = (field: string) =>
  new ApiError({ code: "CONFLICT", message: "taken", details: [{ field, message: "must be unique" }] });

describe("slugify", () => {
  it.each([
    ["Hello, World!", "hello-world"],
    ["Ça va", "ca-va"],
    ["  --Crème   brûlée--  ", "creme-brulee"],
    ["ÅNGSTRÖM_unit 42", "angstrom-unit-42"],
    ["!!!", "item"],
    ["", "item"],
    ["日本語", "item"],
  ])("%j -> %j", (text, slug) => {
    expect(slugify({ text })).toBe(slug);
    expect(slugify({ text })).toMatch(/^[a-z0-9-]+$/);
  });

  it("honours maxLength without a trailing dash", () => {
    expect(slugify({ text: "hello world again", maxLength: 6 })).toBe("hello");
    expect(slugify({ text: "abcdef", maxLength: 3 })).toBe("abc");
    expect(slugify({ text: "?", maxLength: 2 })).toBe("it");
  });
});

describe("slugCandidate", () => {
  it("numbers candidates after the first, within maxLength", () => {
    expect(slugCandidate({ base: "hello-world", n: 1 })).toBe("hello-world");
    expect(slugCandidate({ base: "hello-world", n: 2 })).toBe("hello-world-2");
    expect(slugCandidate({ base: "hello-world", n: 12, maxLength: 9 })).toBe("hello-12");
  });
});

describe("createWithSlug", () => {
  it("retries with -2, -3 on a conflict on the slug column", async () => {
    const taken = new Set(["hello-world", "hello-world-2"]);
    const tried: string[] = [];
    const row = await createWithSlug({
      text: "Hello, World!",
      columns: ["slug"],
      create: (slug) => {
        tried.push(slug);
        return taken.has(slug) ? Promise.reject(conflict("slug")) : Promise.resolve({ slug });
      },
    });
    expect(row).toEqual({ slug: "hello-world-3" });
    expect(tried).toEqual(["hello-world", "hello-world-2", "hello-world-3"]);
  });

  it("rethrows a conflict on another column at once", async () => {
    let calls = 0;
    const create = () => {
      calls += 1;
      return Promise.reject(conflict("email"));
    };
    await expect(createWithSlug({ text: "a", columns: ["slug"], create })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(calls).toBe(1);
  });

  it("gives up after maxTries with the last conflict", async () => {
    let calls = 0;
    const create = () => {
      calls += 1;
      return Promise.reject(conflict("Article_slug_key"));
    };
    await expect(createWithSlug({ text: "a", columns: ["slug"], maxTries: 4, create })).rejects.toBeInstanceOf(
      ApiError,
    );
    expect(calls).toBe(4);
  });

  it("reads the column or index from Prisma's error when the 409 names none (PostgreSQL's driver adapter)", () => {
    const fromAdapter = (index: string) =>
      new ApiError({
        code: "CONFLICT",
        message: "taken",
        cause: { code: "P2002", meta: { driverAdapterError: { cause: { constraint: { index } } } } },
      });
    expect(isSlugConflict({ error: fromAdapter("Article_slug_key"), columns: ["slug"] })).toBe(true);
    expect(isSlugConflict({ error: fromAdapter("Article_email_key"), columns: ["slug"] })).toBe(false);
    const target = new ApiError({
      code: "CONFLICT",
      message: "taken",
      cause: { code: "P2002", meta: { target: ["slug"] } },
    });
    expect(isSlugConflict({ error: target, columns: ["slug"] })).toBe(true);
    expect(isSlugConflict({ error: new ApiError({ code: "CONFLICT", message: "taken" }), columns: ["slug"] })).toBe(
      false,
    );
  });

  it("recognises only API conflicts naming the column", () => {
    expect(isSlugConflict({ error: conflict("slug"), columns: ["slug"] })).toBe(true);
    expect(isSlugConflict({ error: new Error("slug"), columns: ["slug"] })).toBe(false);
    expect(isSlugConflict({ error: new ApiError({ code: "NOT_FOUND", message: "x" }), columns: ["slug"] })).toBe(false);
  });
});
