/**
 * Checks written into the generated blog project before its own tests run (a test-only file; the generator never
 * writes it). Through the project's own `TestApi` (so on every target and database), they prove that the wrapped
 * operations are served by the generated handlers: records in and out of their envelope, a page's count being the
 * total of the filtered query (not the page's length), `meta.total` nested as `x-vx-envelope` says, a list of one
 * column's values, nested wrapped creates under their parent, and an article's `commentsCount` counted by the
 * database in the same query on every read (get, page items, create, replace); slugs derived from the title on create
 * (`hello-world`, `hello-world-2`, `ca-va`); and that lists filter by a relation (`?tag=` over the many-to-many
 * Article.tags, `?article=` over Comment.article) and by a range (`?createdAfter=` on Comment.createdAt); relation
 * actions of the caller (favorite, follow: idempotent, 403 for a caller who is no user, 404 for a missing record) and
 * of a path record (tag an article by the tag's name), with the caller's flags (`favorited`, `following`, also the
 * author's inside an article) computed for each caller, false for an anonymous one; lists of the caller's (the feed,
 * newest first; favorites by x-vx-scope); and, with the real verifiers, the API's own sign-up and login
 * (`POST /users`, `POST /users/login`) served by the accounts: the password hashed, the answer's `user.token` a JWT
 * accepted as `Authorization: Token <jwt>` (not `Bearer`), `GET /user` showing the token sent.
 */
export const blogRuntimeProbe = `import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "./generated/support/testApi.js";
import { actAs, actingAs } from "./generated/support/testClient.js";

let api: TestApi;
let writer: { id: number };
beforeAll(async () => {
  // Articles are written by a signed-in caller, their author: every request acts as "writer" unless it names another.
  const started = await createTestApi();
  writer = await started.prisma.user.create({ data: { email: "writer@example.com", username: "writer", passwordHash: "not a hash" } });
  api = actingAs({ api: started, headers: actAs(String(writer.id)) });
});
afterAll(async () => {
  await api.close();
});

// The slug is not sent: the create derives it from the title (slug from title, -2, -3 on a collision).
const article = (title: string) => ({ title, description: "about " + title, body: "text of " + title });

describe("envelopes", () => {
  it("creates, reads, replaces and deletes articles wrapped in { article }", async () => {
    const created = await api.request({ method: "POST", url: "/articles", body: { article: article("First Post") } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ article: { slug: "first-post", title: "First Post", body: "text of First Post" } });
    expect(Object.keys(created.body as object)).toEqual(["article"]);
    const read = await api.request({ method: "GET", url: "/articles/first-post" });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    const replaced = await api.request({ method: "PUT", url: "/articles/first-post", body: { article: { title: "First, again", description: "d", body: "b" } } });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body).toMatchObject({ article: { slug: "first-post", title: "First, again", body: "b" } });
    const flat = await api.request({ method: "POST", url: "/articles", body: article("Flat") });
    expect(flat.status).toBe(400);
    expect((await api.request({ method: "DELETE", url: "/articles/first-post" })).status).toBe(204);
    expect((await api.request({ method: "GET", url: "/articles/first-post" })).status).toBe(404);
  });

  it("pages articles as { articles, articlesCount }, the count being the filtered total, not the page's length", async () => {
    const slugs: string[] = [];
    for (const title of ["Alpha", "Alpha", "Alpha", "Beta"]) {
      const created = await api.request({ method: "POST", url: "/articles", body: { article: article(title) } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      slugs.push((created.body as { article: { slug: string } }).article.slug);
    }
    expect(slugs).toEqual(["alpha", "alpha-2", "alpha-3", "beta"]);
    const page = await api.request({ method: "GET", url: "/articles?title=Alpha&limit=2&offset=0" });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    const body = page.body as { articles: { slug: string; title: string }[]; articlesCount: number };
    expect(Object.keys(body).sort()).toEqual(["articles", "articlesCount"]);
    expect(body.articles).toHaveLength(2);
    expect(body.articles.every((a) => a.title === "Alpha")).toBe(true);
    expect(body.articlesCount).toBe(3);
    const all = (await api.request({ method: "GET", url: "/articles" })).body as { articlesCount: number };
    expect(all.articlesCount).toBe(4);
  });

  it("lists tag names as { tags: [...] } from Tag.name, and creates tags wrapped in { tag }", async () => {
    for (const name of ["dragons", "angular"]) {
      const created = await api.request({ method: "POST", url: "/tags", body: { tag: { name } } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toEqual({ tag: { name } });
    }
    const duplicate = await api.request({ method: "POST", url: "/tags", body: { tag: { name: "dragons" } } });
    expect(duplicate.status).toBe(409);
    const tags = await api.request({ method: "GET", url: "/tags" });
    expect(tags.status).toBe(200);
    expect([...(tags.body as { tags: string[] }).tags].sort()).toEqual(["angular", "dragons"]);
  });

  it("creates comments under their article wrapped in { comment }, lists them as { comments } and as { data, meta: { total } }", async () => {
    expect((await api.request({ method: "POST", url: "/articles", body: { article: article("Commented") } })).status).toBe(201);
    const made: number[] = [];
    for (const text of ["one", "two", "three"]) {
      const created = await api.request({ method: "POST", url: "/articles/commented/comments", body: { comment: { body: text } } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({ comment: { body: text } });
      made.push((created.body as { comment: { id: number } }).comment.id);
    }
    const missing = await api.request({ method: "POST", url: "/articles/no-such-article/comments", body: { comment: { body: "x" } } });
    expect(missing.status).toBe(404);
    const listed = await api.request({ method: "GET", url: "/articles/commented/comments" });
    expect((listed.body as { comments: { body: string }[] }).comments.map((c) => c.body).sort()).toEqual(["one", "three", "two"]);
    const page = await api.request({ method: "GET", url: "/comments?limit=1" });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    const body = page.body as { data: unknown[]; meta: { total: number } };
    expect(body.data).toHaveLength(1);
    expect(body.meta).toEqual({ total: 3 });
    // A comment is only reachable under its own article: under another one it does not exist (and stays).
    expect((await api.request({ method: "POST", url: "/articles", body: { article: article("Other") } })).status).toBe(201);
    const foreign = await api.request({ method: "DELETE", url: "/articles/other/comments/" + String(made[0]) });
    expect(foreign.status).toBe(404);
    expect((foreign.body as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    expect(((await api.request({ method: "GET", url: "/comments" })).body as { meta: { total: number } }).meta.total).toBe(3);
    expect((await api.request({ method: "DELETE", url: "/articles/commented/comments/" + String(made[0]) })).status).toBe(204);
    expect(((await api.request({ method: "GET", url: "/comments" })).body as { meta: { total: number } }).meta.total).toBe(2);
  });
});

describe("computed counts", () => {
  type Counted = { slug: string; commentsCount: number };
  const countOf = async (slug: string) => {
    const read = await api.request({ method: "GET", url: "/articles/" + slug });
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    return (read.body as { article: Counted }).article.commentsCount;
  };
  const listedCount = async (slug: string) => {
    const page = await api.request({ method: "GET", url: "/articles?limit=100" });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    return (page.body as { articles: Counted[] }).articles.find((a) => a.slug === slug)?.commentsCount;
  };

  it("answers commentsCount, counted in the record's query, on create, get, replace and in every item of a page", async () => {
    const created = await api.request({ method: "POST", url: "/articles", body: { article: article("Counted") } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((created.body as { article: Counted }).article.commentsCount).toBe(0);
    const ids: number[] = [];
    for (const text of ["first", "second"]) {
      const comment = await api.request({ method: "POST", url: "/articles/counted/comments", body: { comment: { body: text } } });
      expect(comment.status, JSON.stringify(comment.body)).toBe(201);
      ids.push((comment.body as { comment: { id: number } }).comment.id);
    }
    expect(await countOf("counted")).toBe(2);
    expect(await listedCount("counted")).toBe(2);
    const replaced = await api.request({ method: "PUT", url: "/articles/counted", body: { article: { title: "Counted again", description: "d", body: "b" } } });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect((replaced.body as { article: Counted }).article.commentsCount).toBe(2);
    expect((await api.request({ method: "DELETE", url: "/articles/counted/comments/" + String(ids[0]) })).status).toBe(204);
    expect(await countOf("counted")).toBe(1);
    expect(await listedCount("counted")).toBe(1);
    const page = (await api.request({ method: "GET", url: "/articles?limit=100" })).body as { articles: Counted[] };
    expect(page.articles.length).toBeGreaterThan(1);
    expect(page.articles.every((a) => Number.isInteger(a.commentsCount) && a.commentsCount >= 0)).toBe(true);
  });

  it("refuses a client's commentsCount in a create body (computed, never written), and a new article counts 0", async () => {
    const sent = await api.request({ method: "POST", url: "/articles", body: { article: { ...article("Forged"), commentsCount: 7 } } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(400);
    const fresh = await api.request({ method: "POST", url: "/articles", body: { article: article("Fresh") } });
    expect(fresh.status).toBe(201);
    expect(await countOf("fresh")).toBe(0);
    expect(await listedCount("fresh")).toBe(0);
  });
});

describe("filters", () => {
  type Articles = { articles: { slug: string }[]; articlesCount: number };
  type Comments = { data: { body: string }[]; meta: { total: number } };
  const slugs = (body: unknown) => (body as Articles).articles.map((a) => a.slug).sort();
  const bodies = (body: unknown) => (body as Comments).data.map((c) => c.body).sort();

  it("lists the articles with a tag, an article with two tags under either", async () => {
    for (const name of ["wyverns", "knights", "castles"]) expect((await api.request({ method: "POST", url: "/tags", body: { tag: { name } } })).status).toBe(201);
    const tagged: [string, string[]][] = [["t-both", ["wyverns", "knights"]], ["t-wyverns", ["wyverns"]], ["t-none", []]];
    // Each title is its own slug: the create derives the same slug from it.
    for (const [slug, tags] of tagged) {
      expect((await api.request({ method: "POST", url: "/articles", body: { article: article(slug) } })).status).toBe(201);
      // The API has no way to tag an article: the test's own database client does.
      await api.prisma.article.update({ where: { slug }, data: { tags: { connect: tags.map((name) => ({ name })) } } });
    }
    const wyverns = await api.request({ method: "GET", url: "/articles?tag=wyverns" });
    expect(wyverns.status, JSON.stringify(wyverns.body)).toBe(200);
    expect(slugs(wyverns.body)).toEqual(["t-both", "t-wyverns"]);
    expect((wyverns.body as Articles).articlesCount).toBe(2);
    expect(slugs((await api.request({ method: "GET", url: "/articles?tag=knights" })).body)).toEqual(["t-both"]);
    expect(slugs((await api.request({ method: "GET", url: "/articles?tag=knights&title=t-both" })).body)).toEqual(["t-both"]);
    const castles = (await api.request({ method: "GET", url: "/articles?tag=castles" })).body as Articles;
    expect(castles).toEqual({ articles: [], articlesCount: 0 });
    expect(((await api.request({ method: "GET", url: "/articles?tag=no-such-tag" })).body as Articles).articlesCount).toBe(0);
  });

  it("lists the comments of one article by its slug, and those written after an instant", async () => {
    for (const slug of ["c-first", "c-second"]) expect((await api.request({ method: "POST", url: "/articles", body: { article: article(slug) } })).status).toBe(201);
    const comment = async (slug: string, text: string) =>
      expect((await api.request({ method: "POST", url: "/articles/" + slug + "/comments", body: { comment: { body: text } } })).status).toBe(201);
    await comment("c-first", "early on first");
    await comment("c-second", "early on second");
    await new Promise((resolve) => setTimeout(resolve, 20));
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await comment("c-first", "late on first");
    const first = await api.request({ method: "GET", url: "/comments?article=c-first" });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(bodies(first.body)).toEqual(["early on first", "late on first"]);
    expect((first.body as Comments).meta.total).toBe(2);
    expect(bodies((await api.request({ method: "GET", url: "/comments?article=c-second" })).body)).toEqual(["early on second"]);
    expect((await api.request({ method: "GET", url: "/comments?article=no-such-article" })).body).toEqual({ data: [], meta: { total: 0 } });
    const late = await api.request({ method: "GET", url: "/comments?createdAfter=" + encodeURIComponent(since) });
    expect(late.status, JSON.stringify(late.body)).toBe(200);
    expect(bodies(late.body)).toEqual(["late on first"]);
    expect(bodies((await api.request({ method: "GET", url: "/comments?article=c-second&createdAfter=" + encodeURIComponent(since) })).body)).toEqual([]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(((await api.request({ method: "GET", url: "/comments?createdAfter=" + encodeURIComponent(future) })).body as Comments).meta.total).toBe(0);
    expect((await api.request({ method: "GET", url: "/comments?createdAfter=yesterday" })).status).toBe(400);
  });
});

describe("derived slugs", () => {
  const created = async (title: string) => {
    const answer = await api.request({ method: "POST", url: "/articles", body: { article: article(title) } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return (answer.body as { article: { slug: string; title: string } }).article;
  };

  it("derives the slug from the title on create, unique with -2, accents dropped, and serves it by that slug", async () => {
    expect(await created("Hello, World!")).toMatchObject({ slug: "hello-world", title: "Hello, World!" });
    expect((await created("Hello, World!")).slug).toBe("hello-world-2");
    expect((await created("Ça va")).slug).toBe("ca-va");
    expect((await created("!!!")).slug).toBe("item");
    const read = await api.request({ method: "GET", url: "/articles/hello-world-2" });
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect((read.body as { article: { title: string } }).article.title).toBe("Hello, World!");
    const sent = await api.request({ method: "POST", url: "/articles", body: { article: { ...article("Sent"), slug: "chosen" } } });
    expect(sent.status).toBe(400);
  });
});

describe("relation actions and flags of the caller", () => {
  type Flagged = { slug: string; favorited: boolean; favoritesCount: number };
  type Profile = { username: string; bio: string | null; image: string | null; following: boolean };
  const user = (name: string) => api.prisma.user.create({ data: { email: name + "@example.com", username: name, passwordHash: "not a hash" } });
  const as = (u: { id: number }) => actAs(String(u.id));
  const read = async (slug: string, headers?: Record<string, string>) => {
    const answer = await api.request({ method: "GET", url: "/articles/" + slug, headers });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return (answer.body as { article: Flagged }).article;
  };

  it("favorites an article for the caller, once, shows it to them alone, and unfavorites it", async () => {
    const [alice, bob] = [await user("alice"), await user("bob")];
    expect((await api.request({ method: "POST", url: "/articles", body: { article: article("Loved") } })).status).toBe(201);
    expect(await read("loved", as(alice))).toMatchObject({ favorited: false, favoritesCount: 0 });
    const favorited = await api.request({ method: "POST", url: "/articles/loved/favorite", headers: as(alice) });
    expect(favorited.status, JSON.stringify(favorited.body)).toBe(200);
    expect((favorited.body as { article: Flagged }).article).toMatchObject({ slug: "loved", favorited: true, favoritesCount: 1 });
    // Again: nothing changes (the caller is in the relation once).
    const again = await api.request({ method: "POST", url: "/articles/loved/favorite", headers: as(alice) });
    expect((again.body as { article: Flagged }).article).toMatchObject({ favorited: true, favoritesCount: 1 });
    expect(await read("loved", as(alice))).toMatchObject({ favorited: true, favoritesCount: 1 });
    expect(await read("loved", as(bob))).toMatchObject({ favorited: false, favoritesCount: 1 });
    expect(await read("loved")).toMatchObject({ favorited: false, favoritesCount: 1 });
    const listed = async (headers?: Record<string, string>) =>
      ((await api.request({ method: "GET", url: "/articles?limit=100", headers })).body as { articles: Flagged[] }).articles.filter((a) => a.favorited).map((a) => a.slug);
    expect(await listed(as(alice))).toEqual(["loved"]);
    expect(await listed(as(bob))).toEqual([]);
    // x-vx-scope: { relation: favoritedBy }: the caller's favorites, only theirs, counted.
    const favorites = async (u: { id: number }) => (await api.request({ method: "GET", url: "/articles/favorites", headers: as(u) })).body as { articles: Flagged[]; articlesCount: number };
    expect(await favorites(alice)).toMatchObject({ articles: [{ slug: "loved", favorited: true }], articlesCount: 1 });
    expect(await favorites(bob)).toEqual({ articles: [], articlesCount: 0 });
    expect((await api.request({ method: "GET", url: "/articles/favorites", headers: actAs("not-a-user-id") })).status).toBe(403);
    expect((await api.request({ method: "POST", url: "/articles/loved/favorite", headers: as(bob) })).status).toBe(200);
    expect(await read("loved")).toMatchObject({ favoritesCount: 2 });
    const unfavorited = await api.request({ method: "DELETE", url: "/articles/loved/favorite", headers: as(alice) });
    expect(unfavorited.status, JSON.stringify(unfavorited.body)).toBe(200);
    expect((unfavorited.body as { article: Flagged }).article).toMatchObject({ favorited: false, favoritesCount: 1 });
    expect((await api.request({ method: "DELETE", url: "/articles/loved/favorite", headers: as(alice) })).status).toBe(200);
    expect(await read("loved", as(bob))).toMatchObject({ favorited: true, favoritesCount: 1 });
    const rows = await api.prisma.article.findUnique({ where: { slug: "loved" }, include: { favoritedBy: true } });
    expect(rows?.favoritedBy.map((u) => u.username)).toEqual(["bob"]);
  });

  it("answers 404 for a missing article and 403 for a caller who is not a user", async () => {
    const carol = await user("carol");
    const missing = await api.request({ method: "POST", url: "/articles/no-such-article/favorite", headers: as(carol) });
    expect(missing.status).toBe(404);
    expect((await api.request({ method: "POST", url: "/articles", body: { article: article("Guarded") } })).status).toBe(201);
    const stranger = await api.request({ method: "POST", url: "/articles/guarded/favorite", headers: actAs("not-a-user-id") });
    expect(stranger.status, JSON.stringify(stranger.body)).toBe(403);
    expect(await read("guarded")).toMatchObject({ favoritesCount: 0 });
  });

  it("tags an article by the tag's name (the path's record), once, and untags it; 404 for an unknown tag", async () => {
    expect((await api.request({ method: "POST", url: "/tags", body: { tag: { name: "griffins" } } })).status).toBe(201);
    expect((await api.request({ method: "POST", url: "/articles", body: { article: article("Tagged") } })).status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const tagged = await api.request({ method: "PUT", url: "/articles/tagged/tags/griffins" });
      expect(tagged.status, JSON.stringify(tagged.body)).toBe(200);
      expect((tagged.body as { article: Flagged }).article.slug).toBe("tagged");
    }
    const slugs = async () => ((await api.request({ method: "GET", url: "/articles?tag=griffins" })).body as { articles: Flagged[] }).articles.map((a) => a.slug);
    expect(await slugs()).toEqual(["tagged"]);
    expect((await api.request({ method: "PUT", url: "/articles/tagged/tags/no-such-tag" })).status).toBe(404);
    expect((await api.request({ method: "PUT", url: "/articles/no-such-article/tags/griffins" })).status).toBe(404);
    expect((await api.request({ method: "DELETE", url: "/articles/tagged/tags/griffins" })).status).toBe(200);
    expect(await slugs()).toEqual([]);
  });

  it("follows a user for the caller, shows it to them alone, and unfollows", async () => {
    const [dave, erin] = [await user("dave"), await user("erin")];
    const followed = await api.request({ method: "POST", url: "/profiles/erin/follow", headers: as(dave) });
    expect(followed.status, JSON.stringify(followed.body)).toBe(200);
    expect(followed.body).toEqual({ profile: { username: "erin", bio: null, image: null, following: true } });
    const profile = async (name: string, headers?: Record<string, string>) => ((await api.request({ method: "GET", url: "/profiles/" + name, headers })).body as { profile: Profile }).profile;
    expect((await profile("erin", as(dave))).following).toBe(true);
    expect((await profile("erin", as(erin))).following).toBe(false);
    expect((await profile("dave", as(erin))).following).toBe(false);
    expect((await profile("erin")).following).toBe(false);
    const rows = await api.prisma.user.findUnique({ where: { username: "dave" }, include: { following: true } });
    expect(rows?.following.map((u) => u.username)).toEqual(["erin"]);
    const unfollowed = await api.request({ method: "DELETE", url: "/profiles/erin/follow", headers: as(dave) });
    expect((unfollowed.body as { profile: Profile }).profile.following).toBe(false);
    expect((await api.request({ method: "POST", url: "/profiles/nobody/follow", headers: as(dave) })).status).toBe(404);
    expect((await api.request({ method: "GET", url: "/profiles/nobody" })).status).toBe(404);
  });

  it("makes the caller the author of the articles they write, and lists the articles of those they follow as their feed", async () => {
    const [gina, hank] = [await user("gina"), await user("hank")];
    const written = await api.request({ method: "POST", url: "/articles", body: { article: article("By Gina") }, headers: as(gina) });
    expect(written.status, JSON.stringify(written.body)).toBe(201);
    expect((await api.prisma.article.findUnique({ where: { slug: "by-gina" } }))?.authorId).toBe(gina.id);
    expect((written.body as { article: { author: unknown } }).article.author).toEqual({ username: "gina", bio: null, image: null, following: false });
    const listedAuthors = ((await api.request({ method: "GET", url: "/articles?limit=100" })).body as { articles: { slug: string; author: { username: string } }[] }).articles;
    expect(listedAuthors.find((a) => a.slug === "by-gina")?.author.username).toBe("gina");
    expect(listedAuthors.filter((a) => a.slug !== "by-gina").every((a) => a.author.username === "writer")).toBe(true);
    // A body cannot choose the author: the schema has no such property (400), the caller is the author.
    expect((await api.request({ method: "POST", url: "/articles", body: { article: { ...article("Forged author"), authorId: hank.id } }, headers: as(gina) })).status).toBe(400);
    expect((await api.request({ method: "POST", url: "/articles", body: { article: article("Nobody's") }, headers: actAs("not-a-user-id") })).status).toBe(403);
    const feed = async (u: { id: number }) => {
      const answer = await api.request({ method: "GET", url: "/articles/feed?limit=100", headers: as(u) });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body as { articles: Flagged[]; articlesCount: number };
    };
    expect(await feed(hank)).toEqual({ articles: [], articlesCount: 0 });
    expect((await api.request({ method: "POST", url: "/profiles/gina/follow", headers: as(hank) })).status).toBe(200);
    const followed = await feed(hank);
    expect(followed.articles.map((a) => a.slug)).toEqual(["by-gina"]);
    // The author's following flag is the caller's: hank follows gina, gina does not follow herself, anonymous never.
    const authorOf = async (headers: Record<string, string>) => ((await api.request({ method: "GET", url: "/articles/by-gina", headers })).body as { article: { author: { following: boolean } } }).article.author.following;
    expect([await authorOf(as(hank)), await authorOf(as(gina)), await authorOf({ "x-vx-test-subject": "" })]).toEqual([true, false, false]);
    expect((followed.articles[0] as unknown as { author: { following: boolean } }).author.following).toBe(true);
    expect(followed.articlesCount).toBe(1);
    expect((await api.request({ method: "POST", url: "/profiles/writer/follow", headers: as(hank) })).status).toBe(200);
    const both = await feed(hank);
    expect(both.articles.length).toBe(both.articlesCount);
    expect(both.articles.map((a) => a.slug)).toContain("by-gina");
    expect(both.articlesCount).toBe(1 + (await api.prisma.article.count({ where: { authorId: writer.id } })));
    // Newest first (by createdAt), whatever the order they were written in.
    for (const [slug, at] of [["from-the-future", "2030-01-01T00:00:00.000Z"], ["from-the-past", "2020-01-01T00:00:00.000Z"]] as const) {
      await api.prisma.article.create({ data: { slug, title: slug, description: "d", body: "b", authorId: writer.id, createdAt: new Date(at) } });
    }
    const ordered = (await feed(hank)).articles.map((a) => a.slug);
    expect(ordered[0]).toBe("from-the-future");
    expect(ordered.at(-1)).toBe("from-the-past");
    expect((await feed(gina)).articlesCount).toBe(0);
    // The feed is a route of its own, never the article with the slug "feed".
    expect((await api.request({ method: "GET", url: "/articles/feed", headers: actAs("not-a-user-id") })).status).toBe(403);
  });

  it("reads and changes the caller's own account at /user; 403 for a caller who is no user", async () => {
    const frank = await user("frank");
    const mine = await api.request({ method: "GET", url: "/user", headers: as(frank) });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    // The token is the caller's own (the test verifiers' stand-in here; the real one below).
    expect(mine.body).toEqual({ user: { id: frank.id, email: "frank@example.com", token: "test-token-" + frank.id, username: "frank", bio: null, image: null } });
    const changed = await api.request({ method: "PUT", url: "/user", headers: as(frank), body: { user: { bio: "I write" } } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((changed.body as { user: { bio: string | null } }).user.bio).toBe("I write");
    expect((await api.prisma.user.findUnique({ where: { id: frank.id } }))?.bio).toBe("I write");
    expect((await api.request({ method: "GET", url: "/user", headers: actAs("not-a-user-id") })).status).toBe(403);
    expect((await api.request({ method: "PUT", url: "/user", headers: as(frank), body: { user: { passwordHash: "x" } } })).status).toBe(400);
  });
});

describe("accounts at the API's own routes, tokens as Authorization: Token <jwt> (real verifiers)", () => {
  let secure: TestApi;
  beforeAll(async () => {
    secure = await createTestApi({ secure: true });
  });
  afterAll(async () => {
    await secure.close();
  });

  it("signs up at POST /users and logs in at POST /users/login; GET /user answers the token sent; Bearer is refused", async () => {
    const account = { email: "grace@example.com", username: "grace", password: "a long enough password" };
    const created = await secure.request({ method: "POST", url: "/users", body: { user: account } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const made = (created.body as { user: { id: number; email: string; username: string; token: string; bio: null } }).user;
    expect(made).toMatchObject({ email: "grace@example.com", username: "grace", bio: null, image: null });
    expect(made.token.split(".")).toHaveLength(3);
    expect(Object.keys(made).sort()).toEqual(["bio", "email", "id", "image", "token", "username"]);
    const stored = await secure.prisma.user.findUnique({ where: { id: made.id } });
    expect(stored?.passwordHash).toMatch(/^scrypt/);
    expect(stored?.passwordHash).not.toContain(account.password);

    const login = await secure.request({ method: "POST", url: "/users/login", body: { user: { email: "Grace@Example.com", password: account.password } } });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const token = (login.body as { user: { token: string } }).user.token;
    const mine = await secure.request({ method: "GET", url: "/user", headers: { authorization: "Token " + token } });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body).toEqual({ user: { ...made, token } });
    expect((await secure.request({ method: "GET", url: "/user", headers: { authorization: "Bearer " + token } })).status).toBe(401);
    expect((await secure.request({ method: "GET", url: "/user" })).status).toBe(401);
    const wrong = await secure.request({ method: "POST", url: "/users/login", body: { user: { email: "grace@example.com", password: "not the password" } } });
    expect(wrong.status).toBe(401);
    const taken = await secure.request({ method: "POST", url: "/users", body: { user: { ...account, username: "grace2" } } });
    expect(taken.status).toBe(409);
    // Favoriting as the signed-up caller: the caller is the token's subject.
    const writer = await secure.prisma.user.create({ data: { email: "w2@example.com", username: "w2", passwordHash: "x" } });
    const article = await secure.prisma.article.create({ data: { slug: "signed", title: "Signed", description: "d", body: "b", authorId: writer.id } });
    const favorited = await secure.request({ method: "POST", url: "/articles/" + article.slug + "/favorite", headers: { authorization: "Token " + token } });
    expect(favorited.status, JSON.stringify(favorited.body)).toBe(200);
    expect((favorited.body as { article: { favorited: boolean } }).article.favorited).toBe(true);
  });
});
`;
