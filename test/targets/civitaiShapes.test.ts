import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/runCli.js";
import { installProject, typecheck } from "./helpers/generatedProject.js";

/** Shapes of civitai's and langfuse's schemas (../shared/corpus/prisma) that their generated tests tripped on. */
const schema = [
  'datasource db {\n  provider = "postgresql"\n}',
  "model License {\n  id     Int     @id @default(autoincrement())\n  name   String\n  models Model[]\n}",
  "model Model {\n  id       Int       @id @default(autoincrement())\n  name     String\n  licenses License[]\n}",
  // A trigger of civitai's migrations fills sortAt; langfuse's hash is a fixed-length column.
  "model Image {\n  id     Int      @id @default(autoincrement())\n  url    String\n  hash   String   @db.Char(44)\n  sortAt DateTime @default(dbgenerated())\n}",
  // civitai's NewOrderRank: a table keyed by an enum, referred to by that enum.
  "enum RankType {\n  Acolyte\n  Knight\n  Templar\n}",
  "model Rank {\n  type    RankType @id\n  name    String\n  players Player[]\n}",
  "model Player {\n  id       Int      @id @default(autoincrement())\n  rankType RankType\n  rank     Rank     @relation(fields: [rankType], references: [type])\n}",
  // civitai's BlockUserSettings: a required key to a column its record may leave null.
  "model Subscription {\n  id         Int       @id @default(autoincrement())\n  instanceId String?   @unique\n  settings   Setting[]\n}",
  "model Setting {\n  id         Int          @id @default(autoincrement())\n  instanceId String\n  sub        Subscription @relation(fields: [instanceId], references: [instanceId])\n}",
].join("\n\n");

describe("generated from a schema alone: civitai's and langfuse's shapes", async () => {
  const dir = await mkdtemp(join(tmpdir(), "vx-civitai-shapes-"));
  await writeFile(join(dir, "schema.prisma"), schema);
  const generated = runCli({ args: ["generate", "--prisma", join(dir, "schema.prisma"), "--out", join(dir, "out")] });
  const read = (file: string) => readFile(join(dir, "out", file), "utf8");

  it("names a column only the database's trigger fills (VX207) and the test factory sets it", async () => {
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stderr).toMatch(/VX207.*Image\.sortAt defaults to dbgenerated\(\) with no expression/);
    const factories = await read("test/generated/support/factories.ts");
    const image = factories.slice(factories.indexOf("async image("), factories.indexOf("async license("));
    expect(image).toMatch(/sortAt: new Date\(/);
    // A create through the API cannot pass on the pushed test database: todo, with why; the rest of Image is tested.
    const tests = await read("test/generated/image.test.ts");
    expect(tests).toContain("// not tested: Image.sortAt is filled by the database's own trigger (VX207)");
    expect(tests).toContain('it.todo("createImage: creates a record");');
    expect(tests).not.toContain('method: "POST"');
    expect(tests).toContain("getImage: 404 NOT_FOUND");
  });

  it("an implicit many-to-many `licenses` is `licenseIds`, and the API tests send ids of licenses they create", async () => {
    const document = await read("openapi.derived.yaml");
    expect(document).toContain("licenseIds:");
    expect(document).not.toContain("licensIds");
    const test = await read("test/generated/model.test.ts");
    const roundTrip = test.slice(test.indexOf("round trip"), test.indexOf("const created"));
    expect(roundTrip).toMatch(/const license1 = await api\.factories\.license\(\);/);
    expect(roundTrip).toContain("licenseIds: [license1.id]");
  });

  it("a @db.Char(n) column takes exactly n characters, and the examples have n", async () => {
    const document = await read("openapi.derived.yaml");
    expect(document).toMatch(/hash:\s+type: string\s+minLength: 44\s+maxLength: 44/);
    const test = await read("test/generated/image.test.ts");
    const sent = /hash: "([^"]*)"/.exec(test)?.[1];
    expect(sent).toHaveLength(44);
  });

  it("a table keyed by an enum: its factory upserts one row per value in turn, and a body's enum key refers to a row made first", async () => {
    const factories = await read("test/generated/support/factories.ts");
    const rank = factories.slice(factories.indexOf("async rank("), factories.indexOf("async setting("));
    expect(rank).toContain('type: overrides.type ?? (["Acolyte", "Knight", "Templar"] as const)[i % 3] ?? "Acolyte",');
    expect(rank).toContain("return prisma.rank.upsert({ where: { type: data.type }, create: data, update: {} });");
    const player = await read("test/generated/player.test.ts");
    const roundTrip = player.slice(player.indexOf("round trip"), player.indexOf("const created"));
    expect(roundTrip).toContain("const rank1 = await api.factories.rank();");
    expect(roundTrip).toContain("rankType: rank1.type");
  });

  it("a body referring to a column its record may leave null creates that record with a value for it", async () => {
    const test = await read("test/generated/setting.test.ts");
    expect(test).toContain("const subscription1 = await api.factories.subscription({ instanceId: crypto.randomUUID() });");
    expect(test).toContain("instanceId: subscription1.instanceId");
  });

  it("type-checks, tests and factories included (tsc --strict)", async () => {
    await installProject({ dir: join(dir, "out"), database: true });
    const result = await typecheck({ dir: join(dir, "out") });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  }, 120_000);
});
