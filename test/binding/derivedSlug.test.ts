import { describe, expect, it } from "vitest";
import { detectDrift } from "../../src/binding/detectDrift.js";
import { resolveDerivedSlug } from "../../src/binding/derivedSlug.js";
import { indexSchemas } from "../../src/binding/schemaLookup.js";
import type { ObjectProperty, ScalarField } from "../../src/ir/types.js";
import { apiModel, namedSchema, objectSchema, operation, property, refSchema, requestBody, response, stringSchema } from "../../src/ir/factories/api.js";
import { dbModel, model, scalarField } from "../../src/ir/factories/db.js";

// Slugs a bound create derives (`slug` from `title`): by name, or marked `x-vx-default: { slugFrom }`, and VX319.

const source = (pointer: string) => ({ kind: "openapi" as const, file: "api.yaml", pointer });

function article(slug: Partial<ScalarField> = {}) {
  return model({
    name: "Article",
    fields: [
      scalarField({ name: "id", type: "Int", isId: true, default: { kind: "function", name: "autoincrement", args: [] } }),
      scalarField({ name: "slug", type: "String", isUnique: true, ...slug }),
      scalarField({ name: "title", type: "String" }),
      scalarField({ name: "name", type: "String", isRequired: false }),
    ],
  });
}

function setup({ request, shown = [property({ name: "slug", required: true, schema: stringSchema({ maxLength: 60 }) })], slug }: { request: ObjectProperty[]; shown?: ObjectProperty[]; slug?: Partial<ScalarField> }) {
  const api = apiModel({
    schemas: [
      namedSchema({ name: "Article", schema: objectSchema({ properties: [...shown, property({ name: "title", required: true, schema: stringSchema() })] }) }),
      namedSchema({ name: "NewArticle", schema: objectSchema({ properties: request, source: source("/components/schemas/NewArticle") }) }),
    ],
    operations: [
      operation({
        path: "/articles",
        method: "post",
        binding: { kind: "bound", model: "Article", action: "create", via: "heuristic", reason: "test" },
        requestBody: requestBody({ schema: refSchema({ name: "NewArticle" }) }),
        responses: [response({ status: "201", schema: refSchema({ name: "Article" }) })],
      }),
    ],
  });
  const db = dbModel({ models: [article(slug)] });
  const op = api.operations[0];
  const modelOf = db.models[0];
  if (!op || !modelOf) throw new Error("no operation");
  const resolved = resolveDerivedSlug({ op, model: modelOf, schemas: indexSchemas(api) });
  const drift = detectDrift({ api, db }).map((d) => (d.code === "VX306" ? `VX306 ${d.message.split(" ")[0] ?? ""}` : `${d.code} ${d.location?.pointer ?? ""}`));
  if (!resolved) return { derived: "none", drift };
  return { derived: "problem" in resolved ? `problem: ${resolved.problem}` : `${resolved.column.name} from ${resolved.source} (${resolved.via}) max ${String(resolved.maxLength)}`, drift };
}

const title = property({ name: "title", required: true, schema: stringSchema({ maxLength: 200 }) });

describe("resolveDerivedSlug", () => {
  it("derives a required unique slug the body lacks from its title, maxLength from the response; no VX306", () => {
    expect(setup({ request: [title] })).toEqual({ derived: "slug from title (heuristic) max 60", drift: [] });
  });

  it("derives an optional slug too (used when sent), the smaller maxLength winning", () => {
    const slug = property({ name: "slug", schema: stringSchema({ maxLength: 40 }) });
    expect(setup({ request: [title, slug] }).derived).toBe("slug from title (heuristic) max 40");
  });

  it("falls back to name, and derives nothing without a required string source", () => {
    expect(setup({ request: [property({ name: "name", required: true, schema: stringSchema() })] }).derived).toBe("slug from name (heuristic) max 60");
    const optional = setup({ request: [property({ name: "title", schema: stringSchema() })] });
    expect(optional.derived).toBe("none");
    expect(optional.drift).toContain("VX306 Article.slug");
  });

  it("derives nothing when the body requires the slug, or the column is not unique or has a default", () => {
    expect(setup({ request: [title, property({ name: "slug", required: true, schema: stringSchema() })] }).derived).toBe("none");
    expect(setup({ request: [title], slug: { isUnique: false } }).derived).toBe("none");
    expect(setup({ request: [title], slug: { default: { kind: "literal", value: "x" } } }).derived).toBe("none");
  });

  it("respects the API's pattern for the slug: derived when it accepts generated slugs, else not (VX319 when marked)", () => {
    const shown = (pattern: string, derivedDefault?: { slugFrom: string }) => [property({ name: "slug", required: true, schema: stringSchema({ pattern, ...(derivedDefault ? { derivedDefault } : {}) }) })];
    expect(setup({ request: [title], shown: shown("^[a-z0-9-]+$") }).derived).toBe("slug from title (heuristic) max undefined");
    expect(setup({ request: [title], shown: shown("^[a-z]+$") }).derived).toBe("none");
    expect(setup({ request: [title], shown: shown("^[a-z]+$", { slugFrom: "title" }) }).derived).toBe("problem: x-vx-default marks 'slug', but the pattern of 'slug' refuses a generated slug ('hello-world')");
  });

  it("x-vx-default on the request's or the response's property names the source", () => {
    const marked = property({ name: "slug", schema: stringSchema({ derivedDefault: { slugFrom: "headline" } }) });
    const headline = property({ name: "headline", required: true, schema: stringSchema() });
    const derived = setup({ request: [headline, marked] });
    expect(derived.derived).toBe("slug from headline (extension) max 60");
    expect(derived.drift).not.toContain("VX306 Article.slug");
    const shown = property({ name: "slug", required: true, schema: stringSchema({ derivedDefault: { slugFrom: "headline" } }) });
    expect(setup({ request: [headline], shown: [shown] }).derived).toBe("slug from headline (extension) max undefined");
  });

  it("an x-vx-default that cannot be honoured is VX319 at the marked property", () => {
    const at = source("/components/schemas/NewArticle/properties/slug");
    const marked = (slugFrom: string, required = false) => property({ name: "slug", required, schema: stringSchema({ derivedDefault: { slugFrom }, source: at }) });
    const missing = setup({ request: [title, marked("headline")] });
    expect(missing.derived).toBe("problem: x-vx-default slugFrom names 'headline', which is not a required string property of the create request body");
    expect(missing.drift).toContain(`VX319 ${at.pointer}`);
    expect(setup({ request: [title, marked("title", true)] }).derived).toBe("problem: x-vx-default marks 'slug', but the create request body requires it");
    expect(setup({ request: [title, marked("title")], slug: { isUnique: false } }).derived).toBe("problem: x-vx-default marks 'slug', but Article.slug is not @unique");
  });
});
