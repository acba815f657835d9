import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/runCli.js";

/** The generated test of one model of a schema written to a temporary file, generated from it alone (`generate --prisma`). */
async function generatedTest({ schema, file }: { schema: string; file: string }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "vx-conflict-"));
  await writeFile(join(dir, "schema.prisma"), schema);
  const generated = runCli({ args: ["generate", "--prisma", join(dir, "schema.prisma"), "--out", join(dir, "out")] });
  expect(generated.code, generated.stderr).toBe(0);
  return readFile(join(dir, "out", file), "utf8");
}

describe("generated 409 tests: an update taking another record's unique value", () => {
  it("sends the value the first record was created with, which a write-only field (named like a secret) never answers", async () => {
    const test = await generatedTest({
      schema: [
        'datasource db {\n  provider = "sqlite"\n}',
        "model User {\n  id       Int       @id @default(autoincrement())\n  sessions Session[]\n}",
        "model Session {\n  id           Int    @id @default(autoincrement())\n  sessionToken String @unique\n  userId       Int\n  user         User   @relation(fields: [userId], references: [id])\n}",
      ].join("\n\n"),
      file: "test/generated/session.test.ts",
    });
    const conflict = test.slice(test.indexOf("updateSession: 409 CONFLICT when sessionToken is another record's"));
    // The first record was created with sessionToken "text-7" (seed 7); the response leaves it out (writeOnly).
    expect(conflict).toMatch(/const taken = await api\.request\(\{[^]*?body: \{ \.\.\.\{ sessionToken: "text-7"/);
    expect(conflict).toMatch(/const change = \{ \.\.\.\{ \.\.\.\{ sessionToken: "text-8", userId: 9 \}, userId: user3\.id \}, sessionToken: "text-7" \};/);
    expect(conflict).not.toContain('field({ value: taken.body, name: "sessionToken" })');
  });

  it("takes a unique reference from the record created for it", async () => {
    const test = await generatedTest({
      schema: [
        'datasource db {\n  provider = "sqlite"\n}',
        "model User {\n  id      Int      @id @default(autoincrement())\n  profile Profile?\n}",
        "model Profile {\n  id     Int    @id @default(autoincrement())\n  bio    String\n  userId Int    @unique\n  user   User   @relation(fields: [userId], references: [id])\n}",
      ].join("\n\n"),
      file: "test/generated/profile.test.ts",
    });
    const conflict = test.slice(test.indexOf("updateProfile: 409 CONFLICT when userId is another record's"));
    expect(conflict).toMatch(/const user1 = await api\.factories\.user\(\);\s+const taken =/);
    expect(conflict).toMatch(/const change = \{ \.\.\.\{[^]*?\}, userId: user1\.id \};/);
  });
});
