import { describe, expect, it } from "vitest";
import { actorRelations } from "../../src/binding/actorRelation.js";
import { bindOperations } from "../../src/binding/bindOperations.js";
import { callerRelation } from "../../src/binding/callerRelation.js";
import { detectDrift } from "../../src/binding/detectDrift.js";
import type { Binding, Operation, SchemaNode } from "../../src/ir/types.js";
import { apiModel, arraySchema, booleanSchema, integerSchema, namedSchema, objectSchema, openApiSource, operation, parameter, property, refSchema, requestBody, response, stringSchema } from "../../src/ir/factories/api.js";
import { dbModel, model, relationField, scalarField } from "../../src/ir/factories/db.js";

// RealWorld's shapes: users favorite articles and follow each other; articles have tags (many-to-many both).
const user = model({
  name: "User",
  fields: [
    scalarField({ name: "id", type: "Int", isId: true }),
    scalarField({ name: "username", type: "String", isUnique: true }),
    relationField({ name: "favorites", type: "Article", isList: true, relationName: "Favorites" }),
    relationField({ name: "followers", type: "User", isList: true, relationName: "Follows" }),
    relationField({ name: "following", type: "User", isList: true, relationName: "Follows" }),
    relationField({ name: "likes", type: "Article", isList: true, relationName: "Likes" }),
  ],
});
const article = model({
  name: "Article",
  fields: [
    scalarField({ name: "id", type: "Int", isId: true }),
    scalarField({ name: "slug", type: "String", isUnique: true }),
    relationField({ name: "favoritedBy", type: "User", isList: true, relationName: "Favorites" }),
    relationField({ name: "likers", type: "User", isList: true, relationName: "Likes" }),
    relationField({ name: "tags", type: "Tag", isList: true, relationName: "ArticleToTag" }),
  ],
});
const tag = model({
  name: "Tag",
  fields: [
    scalarField({ name: "id", type: "Int", isId: true }),
    scalarField({ name: "name", type: "String", isUnique: true }),
    relationField({ name: "articles", type: "Article", isList: true, relationName: "ArticleToTag" }),
  ],
});
const db = dbModel({ models: [article, tag, user] });
const schemas = new Map();

const articleSchema = namedSchema({
  name: "Article",
  schema: objectSchema({ properties: [property({ name: "slug", schema: stringSchema(), required: true }), property({ name: "favorited", schema: booleanSchema(), required: true })] }),
});
const profileSchema = namedSchema({
  name: "Profile",
  modelHint: "User",
  schema: objectSchema({ properties: [property({ name: "username", schema: stringSchema(), required: true }), property({ name: "following", schema: booleanSchema(), required: true })] }),
});

function op(method: Operation["method"], path: string, extra: Partial<Operation> = {}): Operation {
  const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => parameter({ name: m[1] ?? "", in: "path", required: true, schema: stringSchema() }));
  const schema = path.startsWith("/profiles") ? refSchema({ name: "Profile" }) : refSchema({ name: "Article" });
  return operation({ method, path, parameters: params, responses: [response({ status: "200", schema })], ...extra });
}

/** The bindings in the order of `ops` (`userModel: null`: a project without accounts). */
function bind(ops: Operation[], userModel: string | null = "User"): { bindings: Binding[]; codes: string[] } {
  const named = ops.map((o, i) => ({ ...o, operationId: `op${i}` }));
  const api = apiModel({ operations: named, schemas: [articleSchema, profileSchema] });
  const { api: bound, diagnostics } = bindOperations({ api, db, ...(userModel ? { userModel } : {}) });
  const byId = new Map(bound.operations.map((o) => [o.operationId, o.binding]));
  return { bindings: named.map((o) => byId.get(o.operationId) ?? { kind: "unbound", reason: "missing" }), codes: diagnostics.map((d) => d.code) };
}

const summary = (b: Binding | undefined) =>
  b?.kind === "bound" ? `${b.model}.${b.action}${b.relation ? ` ${b.relation.relation} ${b.relation.target.kind === "path" ? `{${b.relation.target.parameter}}=${b.relation.target.field}` : "caller"} (${b.relation.via})` : ""}` : `${b?.kind}`;

describe("actorRelations", () => {
  it.each([
    ["favorite", "Article", ["favoritedBy"]],
    ["favorited", "Article", ["favoritedBy"]],
    ["favourite", "Article", []],
    ["like", "Article", ["likers"]],
    ["liked", "Article", ["likers"]],
    ["follow", "User", ["followers"]],
    ["following", "User", ["followers"]],
    ["tags", "Article", []],
  ] as const)("%s on %s", (word, name, expected) => {
    const on = name === "User" ? user : article;
    expect(actorRelations({ model: on, word, userModel: "User" }).map((r) => r.name)).toEqual(expected);
  });

  it("never the relation of what the record itself does (User.following)", () => {
    expect(actorRelations({ model: user, word: "follow", userModel: "User" }).map((r) => r.name)).not.toContain("following");
  });
});

describe("callerRelation", () => {
  const flag = (name: string, on = article, schema: SchemaNode = booleanSchema(), userModel: string | null = "User") => {
    const result = callerRelation({ model: on, property: property({ name, schema }), schemas, userModel: userModel ?? undefined });
    return result === undefined ? undefined : result.ok ? `${result.relation.name} (${result.via})` : `problem: ${result.problem}`;
  };

  it("recognises booleans named after the relation's verb", () => {
    expect(flag("favorited")).toBe("favoritedBy (name)");
    expect(flag("isFavorited")).toBe("favoritedBy (name)");
    expect(flag("liked")).toBe("likers (name)");
    expect(flag("following", user)).toBe("followers (name)");
  });

  it("is nothing without accounts, for a non-boolean, or with no matching relation", () => {
    expect(flag("favorited", article, booleanSchema(), null)).toBeUndefined();
    expect(flag("favorited", article, integerSchema())).toBeUndefined();
    expect(flag("published")).toBeUndefined();
  });

  it("takes x-vx-computed callerIn, and says what is wrong with it (VX320)", () => {
    const said = (relation: string, schema: SchemaNode = booleanSchema({ computed: { callerIn: relation } })) => flag("mine", article, schema);
    expect(said("favoritedBy")).toBe("favoritedBy (extension)");
    expect(said("tags")).toMatch(/^problem: .*not a to-many relation of model Article to the user model User/);
    expect(said("favoritedBy", stringSchema({ computed: { callerIn: "favoritedBy" } }))).toMatch(/^problem: .*not a boolean/);
    const result = callerRelation({ model: article, property: property({ name: "mine", schema: booleanSchema({ computed: { callerIn: "favoritedBy" } }) }), schemas, userModel: undefined });
    expect(result?.ok).toBe(false);
  });

  it("drift: no VX307 for a flag, VX320 for a wrong callerIn", () => {
    const ops = [op("get", "/articles/{slug}")];
    const api = apiModel({ operations: ops, schemas: [articleSchema] });
    const { api: bound } = bindOperations({ api, db, userModel: "User" });
    expect(detectDrift({ api: bound, db, userModel: "User" }).map((d) => d.code)).toEqual([]);
    expect(detectDrift({ api: bound, db }).map((d) => d.code)).toEqual(["VX307"]);
  });
});

describe("relation actions", () => {
  it("binds the caller's relation by the verb, and a path record's by the relation's name", () => {
    const { bindings, codes } = bind([
      op("post", "/articles/{slug}/favorite"),
      op("delete", "/articles/{slug}/favorite"),
      op("put", "/articles/{slug}/tags/{name}"),
      op("delete", "/articles/{slug}/tags/{name}"),
      op("post", "/profiles/{username}/follow"),
      op("delete", "/profiles/{username}/follow"),
    ]);
    expect(bindings.map(summary)).toEqual([
      "Article.connect favoritedBy caller (heuristic)",
      "Article.disconnect favoritedBy caller (heuristic)",
      "Article.connect tags {name}=name (heuristic)",
      "Article.disconnect tags {name}=name (heuristic)",
      "User.connect followers caller (heuristic)",
      "User.disconnect followers caller (heuristic)",
    ]);
    expect(codes).toEqual([]);
  });

  it("a GET on the verb, or no accounts, is no relation action of the caller", () => {
    expect(bind([op("get", "/articles/{slug}/favorite")]).bindings.map(summary)).toEqual(["Article.custom"]);
    expect(bind([op("post", "/articles/{slug}/favorite")], null).bindings.map(summary)).toEqual(["Article.custom"]);
  });

  it("x-vx-relation names the relation, and is VX321 when it cannot be one", () => {
    const hint = (relation: string) => ({ relationHint: { relation, source: { kind: "openapi" as const, file: "api.yaml", pointer: "/paths/x/post/x-vx-relation" } } });
    const { bindings, codes } = bind([
      op("post", "/articles/{slug}/star", hint("favoritedBy")),
      op("post", "/articles/{slug}/star", hint("tags")),
      op("post", "/articles/{slug}", hint("favoritedBy")),
    ]);
    expect(bindings.map(summary)).toEqual(["Article.connect favoritedBy caller (extension)", "Article.custom", "Article.custom"]);
    expect(codes).toEqual(["VX321", "VX321"]);
  });

  it("x-vx-relation on a path record's action names the relation once, with no diagnostic", () => {
    const hint = { relationHint: { relation: "tags", source: { kind: "openapi" as const, file: "api.yaml", pointer: "/paths/y/put/x-vx-relation" } } };
    const { bindings, codes } = bind([op("put", "/articles/{slug}/labels/{name}", hint), op("put", "/articles/{slug}/tags/{name}", hint)]);
    expect(bindings.map(summary)).toEqual(["Article.connect tags {name}=name (extension)", "Article.connect tags {name}=name (extension)"]);
    expect(codes).toEqual([]);
  });
});

describe("the caller's own record", () => {
  const userSchema = namedSchema({ name: "User", schema: objectSchema({ properties: [property({ name: "username", schema: stringSchema(), required: true })] }) });
  const own = (method: Operation["method"], path: string, userModel: string | null = "User") => {
    const api = apiModel({ operations: [operation({ method, path, operationId: "me", responses: [response({ status: "200", schema: refSchema({ name: "User" }) })] })], schemas: [userSchema] });
    const bound = bindOperations({ api, db, ...(userModel ? { userModel } : {}) }).api.operations[0]?.binding;
    return bound?.kind === "bound" ? `${bound.model}.${bound.action}${bound.callerRecord ? " (caller)" : ""}` : bound?.kind;
  };

  it("binds GET, PUT and PATCH /user of the user model to the caller's record", () => {
    expect(own("get", "/user")).toBe("User.get (caller)");
    expect(own("put", "/user")).toBe("User.replace (caller)");
    expect(own("patch", "/user")).toBe("User.update (caller)");
  });

  it("not a collection, a DELETE, or a project without accounts", () => {
    expect(own("get", "/users")).toBe("User.custom");
    expect(own("delete", "/user")).not.toContain("(caller)");
    expect(own("get", "/user", null)).not.toContain("(caller)");
  });
});

describe("the caller as a create's foreign key, and the caller's feed", () => {
  const writer = model({
    name: "Writer",
    fields: [
      scalarField({ name: "id", type: "Int", isId: true }),
      relationField({ name: "posts", type: "Post", isList: true, relationName: "Authored" }),
      relationField({ name: "followers", type: "Writer", isList: true, relationName: "Follows" }),
      relationField({ name: "following", type: "Writer", isList: true, relationName: "Follows" }),
    ],
  });
  const post = model({
    name: "Post",
    fields: [
      scalarField({ name: "id", type: "Int", isId: true, default: { kind: "autoincrement" } }),
      scalarField({ name: "title", type: "String" }),
      scalarField({ name: "authorId", type: "Int" }),
      relationField({ name: "author", type: "Writer", fromFields: ["authorId"], toFields: ["id"], isRequired: true, relationName: "Authored" }),
    ],
  });
  const postDb = dbModel({ models: [post, writer] });
  const postSchema = namedSchema({ name: "Post", schema: objectSchema({ properties: [property({ name: "title", schema: stringSchema(), required: true })] }) });
  const postsSchema = namedSchema({ name: "Posts", schema: arraySchema({ items: refSchema({ name: "Post" }) }) });
  const secured = [{ schemes: [{ name: "bearer", scopes: [] }] }];
  const bindPost = (ops: Operation[], userModel: string | null = "Writer") => {
    const api = apiModel({ operations: ops.map((o, i) => ({ ...o, operationId: `op${i}` })), schemas: [postSchema, postsSchema] });
    const { api: bound, diagnostics } = bindOperations({ api, db: postDb, ...(userModel ? { userModel } : {}) });
    return { bindings: bound.operations.map((o) => o.binding), drift: detectDrift({ api: bound, db: postDb, ...(userModel ? { userModel } : {}) }).map((d) => `${d.code}`), codes: diagnostics.map((d) => d.code) };
  };
  const create = (security: Operation["security"]) =>
    operation({ method: "post", path: "/posts", security, requestBody: requestBody({ schema: refSchema({ name: "Post" }) }), responses: [response({ status: "201", schema: refSchema({ name: "Post" }) })] });

  it("fills authorId from the caller on a secured create whose body does not send it", () => {
    const { bindings, drift } = bindPost([create(secured)]);
    const [b] = bindings;
    expect(b?.kind === "bound" ? b.callerColumn : undefined).toEqual({ field: "authorId", relation: "author" });
    expect(drift).toEqual([]);
  });

  it("not on an open create, nor without accounts: the required column stays VX306", () => {
    for (const [security, userModel] of [[[], "Writer"], [secured, null]] as const) {
      const { bindings, drift } = bindPost([create([...security])], userModel);
      const [b] = bindings;
      expect(b?.kind === "bound" ? b.callerColumn : "unbound").toBeUndefined();
      expect(drift).toContain("VX306");
    }
  });

  const postWith = (properties: ReturnType<typeof property>[]) => namedSchema({ name: "Post", schema: objectSchema({ properties: [property({ name: "title", schema: stringSchema(), required: true }), ...properties] }) });
  const bindWith = ({ schema, security = secured, userModel = "Writer" }: { schema: ReturnType<typeof postWith>; security?: Operation["security"]; userModel?: string | null }) => {
    const api = apiModel({ operations: [{ ...create(security), operationId: "op0" }], schemas: [schema, postsSchema] });
    const { api: bound, diagnostics } = bindOperations({ api, db: postDb, ...(userModel ? { userModel } : {}) });
    return { binding: bound.operations[0]?.binding, codes: diagnostics.map((d) => d.code), drift: detectDrift({ api: bound, db: postDb, ...(userModel ? { userModel } : {}) }).map((d) => d.code) };
  };

  it("fills authorId from the caller when the body shows it readOnly (a schema shared with the answer)", () => {
    const { binding, drift } = bindWith({ schema: postWith([property({ name: "authorId", schema: integerSchema({ readOnly: true }), required: true })]) });
    expect(binding?.kind === "bound" ? binding.callerColumn : undefined).toEqual({ field: "authorId", relation: "author" });
    expect(drift).toEqual([]);
  });

  it("fills the column x-vx-default: caller marks (readOnly), and refuses a mark it cannot honour (VX333)", () => {
    const marked = (schema: Parameters<typeof integerSchema>[0]) => postWith([property({ name: "authorId", schema: integerSchema({ ...schema, derivedDefault: { caller: true } }), required: true })]);
    const ok = bindWith({ schema: marked({ readOnly: true }) });
    expect(ok.binding?.kind === "bound" ? ok.binding.callerColumn : undefined).toEqual({ field: "authorId", relation: "author" });
    expect(ok.codes).toEqual([]);
    for (const refused of [bindWith({ schema: marked({}) }), bindWith({ schema: marked({ readOnly: true }), security: [] }), bindWith({ schema: marked({ readOnly: true }), userModel: null })]) {
      expect(refused.codes).toEqual(["VX333"]);
      expect(refused.binding?.kind === "bound" ? refused.binding.callerColumn : "unbound").toBeUndefined();
    }
    const other = bindWith({ schema: postWith([property({ name: "title2", schema: stringSchema({ derivedDefault: { caller: true } }) })]) });
    expect(other.codes).toEqual(["VX333"]);
  });

  it("binds GET /posts/feed to the posts of the writers the caller follows", () => {
    const feed = operation({ method: "get", path: "/posts/feed", security: secured, responses: [response({ status: "200", schema: refSchema({ name: "Posts" }) })] });
    const [b] = bindPost([feed]).bindings;
    expect(b?.kind === "bound" ? [b.action, b.scope] : b).toEqual(["list", { relation: "author", callerIn: "followers", via: "heuristic" }]);
    const [none] = bindPost([feed], null).bindings;
    expect(none?.kind === "bound" ? none.scope : undefined).toBeUndefined();
  });

  const scoped = (path: string, hint: Record<string, string>) =>
    operation({ method: "get", path, security: secured, scopeHint: { relation: hint.relation ?? "", ...(hint.callerIn ? { callerIn: hint.callerIn } : {}), source: openApiSource() }, responses: [response({ status: "200", schema: refSchema({ name: "Posts" }) })] });

  it("binds x-vx-scope: the caller's own posts, or a feed by other names, on the collection or a word after it", () => {
    const { bindings, codes } = bindPost([scoped("/posts/mine", { relation: "author" }), scoped("/posts", { relation: "author", callerIn: "followers" })]);
    // Sorted by path: /posts, then /posts/mine.
    expect(bindings.map((b) => (b.kind === "bound" ? [b.action, b.scope] : b))).toEqual([
      ["list", { relation: "author", callerIn: "followers", via: "extension" }],
      ["list", { relation: "author", via: "extension" }],
    ]);
    expect(codes).toEqual([]);
  });

  it.each([
    [{ relation: "writer" }, "no relation of model Post"],
    [{ relation: "author", callerIn: "posts" }, "no to-many relation of Writer to the user model"],
    [{ relation: "author", callerIn: "nothing" }, "callerIn names 'nothing'"],
  ])("refuses x-vx-scope %j (VX332): %s", (hint, problem) => {
    const { bindings, codes } = bindPost([scoped("/posts/mine", hint)]);
    expect(codes).toEqual(["VX332"]);
    expect(bindings[0]).toMatchObject({ kind: "bound", action: "custom" });
    expect(bindings[0]?.kind === "bound" ? bindings[0].scope : undefined).toBeUndefined();
    const message = bindOperations({ api: apiModel({ operations: [{ ...scoped("/posts/mine", hint), operationId: "op" }], schemas: [postSchema, postsSchema] }), db: postDb, userModel: "Writer" }).diagnostics[0]?.message;
    expect(message).toContain(problem);
  });

  it("refuses x-vx-scope on an item path, or without accounts (VX332)", () => {
    const item = operation({ ...scoped("/posts/{id}", { relation: "author" }), parameters: [parameter({ name: "id", in: "path", required: true, schema: integerSchema() })] });
    expect(bindPost([item]).codes).toEqual(["VX332"]);
    expect(bindPost([scoped("/posts/mine", { relation: "author" })], null).codes).toEqual(["VX332"]);
  });
});
