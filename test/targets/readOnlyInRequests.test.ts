import { describe, expect, it } from "vitest";
import type { ReadOnlyInRequests } from "../../src/targets/TargetPlugin.js";
import { generateFixture } from "./helpers/generateFixture.js";
import { loadProjectValidators, type ProjectValidators } from "./helpers/loadProjectValidators.js";

/**
 * `readOnlyInRequests` on the generated bookstore (Author: `id` and `createdAt` readOnly; `additionalProperties: false`):
 * the very body validators the project runs, under each policy and under the default.
 */

const openapi = "fixtures/bookstore/openapi.yaml";
const prisma = "fixtures/bookstore/schema.prisma";

async function validators(readOnlyInRequests: ReadOnlyInRequests | undefined): Promise<ProjectValidators> {
  const { files } = await generateFixture({ openapi, prisma, options: readOnlyInRequests ? { readOnlyInRequests } : {} });
  return loadProjectValidators({ name: `read-only-${readOnlyInRequests ?? "default"}`, files });
}

const author = () => ({ name: "Ursula", email: "ursula@example.com" });

describe("readOnlyInRequests", () => {
  it('"reject": a readOnly property in a request body is a 400 naming it, as an unknown one is', async () => {
    const createAuthor = (await validators("reject"))["createAuthor"]?.["body"];
    expect(createAuthor).toBeDefined();
    expect(createAuthor?.(author())).toEqual({ valid: true, errors: [] });
    expect(createAuthor?.({ ...author(), id: 7, createdAt: "2024-01-01T00:00:00Z" })).toEqual({
      valid: false,
      errors: [
        { field: "id", message: "is read-only: the server sets it", keyword: "x-vx-readOnly" },
        { field: "createdAt", message: "is read-only: the server sets it", keyword: "x-vx-readOnly" },
      ],
    });
    // Still reported with the body's other faults, all at once.
    const mixed = createAuthor?.({ name: "", email: "ursula@example.com", id: 7 });
    expect(mixed?.errors.map((e) => e.field).sort()).toEqual(["id", "name"]);
  }, 120_000);

  it('"ignore": it is accepted (whatever its value) and removed before the handler sees the body', async () => {
    const set = await validators("ignore");
    const body: Record<string, unknown> = { ...author(), id: "not even an integer", createdAt: 1 };
    expect(set["createAuthor"]?.["body"]?.(body)).toEqual({ valid: true, errors: [] });
    expect(body).toEqual(author());
    // Unknown properties are still refused where additionalProperties is false.
    expect(set["createAuthor"]?.["body"]?.({ ...author(), nickname: "U" })).toMatchObject({ valid: false, errors: [{ field: "nickname", keyword: "additionalProperties" }] });
    // The same on a replace (PUT) body, which clients often fill from a GET's answer.
    const book = { isbn: "9780000000001", title: "T", price: 1, status: "draft", authorId: 1, tagIds: [], salesCount: 3, updatedAt: "2024-01-01T00:00:00Z" };
    const replace = set["replaceBook"]?.["body"];
    expect(replace).toBeDefined();
    expect(replace?.(book)).toEqual({ valid: true, errors: [] });
    expect(book).not.toHaveProperty("salesCount");
    expect(book).not.toHaveProperty("updatedAt");
  }, 120_000);

  it('defaults to "reject"', async () => {
    expect((await validators(undefined))["createAuthor"]?.["body"]?.({ ...author(), id: 7 })).toMatchObject({ valid: false, errors: [{ field: "id", keyword: "x-vx-readOnly" }] });
  }, 120_000);
});
