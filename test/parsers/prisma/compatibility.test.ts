import { describe, expect, it } from "vitest";
import { findModel, readSchemaText } from "./readSchemaText.js";

const prisma6Header = `generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["metrics", "views", "tracing"]
}

generator other {
  provider = "prisma-kysely"
}

datasource db {
  provider          = "postgresql"
  url               = env("DATABASE_URL")
  directUrl         = env("DIRECT_URL")
  shadowDatabaseUrl = env("SHADOW_DATABASE_URL")
}
`;

describe("readPrisma: Prisma 6 schemas in compatibility mode", () => {
  it("reads a datasource with url/directUrl/shadowDatabaseUrl and unknown preview features, with one VX203", async () => {
    const { db, diagnostics, file } = await readSchemaText({
      text: `${prisma6Header}
model User {
  id Int @id
}
`,
    });
    expect(db?.models.map((m) => m.name)).toEqual(["User"]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.location?.file, d.location?.line])).toEqual([
      ["VX203", "warning", file, 3],
    ]);
    const message = diagnostics[0]?.message ?? "";
    for (const name of ["`url`", "`directUrl`", "`shadowDatabaseUrl`", '"metrics"']) expect(message).toContain(name);
    // "views" is known; "tracing" is only deprecated (a Prisma warning, not an error): both stay.
    expect(message).not.toContain('"views"');
    expect(message).not.toContain('"tracing"');
    // Line numbers below the blanked lines are unchanged.
    expect(findModel({ db: db!, name: "User" }).source).toMatchObject({ file, line: 17, column: 1 });
  });

  it("keeps the known preview features (views still read as views)", async () => {
    const { db, diagnostics } = await readSchemaText({
      text: `${prisma6Header}
model User {
  id Int @id
}

view Names {
  name String @unique
}
`,
    });
    expect(diagnostics.map((d) => d.code)).toEqual(["VX203"]);
    expect(db?.views.map((v) => v.name)).toEqual(["Names"]);
  });

  it.each([
    ['["metrics"]', 0],
    ['["metrics", "views"]', 1],
    ['["views", "metrics"]', 1],
    ['["views","metrics" , "bogusFeature"]', 1],
    ['["bogusFeature", "views", "metrics"]', 1],
  ])("drops unknown preview features from %j, keeping the known ones", async (array, views) => {
    const { db, diagnostics } = await readSchemaText({
      text:
        `generator client {\n  provider        = "prisma-client-js"\n  previewFeatures = ${array}\n}\n` +
        'datasource db {\n  provider = "postgresql"\n}\nmodel Plain {\n  id Int @id\n}\n' +
        (views ? "view Names {\n  name String @unique\n}\n" : ""),
    });
    expect(diagnostics.map((d) => [d.code, d.location?.line])).toEqual([["VX203", 3]]);
    expect(db?.views).toHaveLength(views);
    expect(db?.models[0]?.source.line).toBe(8);
  });

  it("does not warn for a Prisma 7 schema", async () => {
    const { db, diagnostics } = await readSchemaText({
      text: 'datasource db {\n  provider = "postgresql"\n}\nmodel User {\n  id Int @id\n}\n',
    });
    expect(db).not.toBeNull();
    expect(diagnostics).toEqual([]);
  });

  it("does not swallow real errors next to Prisma 6 settings, and reports them where they are", async () => {
    const { db, diagnostics, file } = await readSchemaText({
      text: `${prisma6Header}
model User {
  id   Int     @id
  team Missing
}
`,
    });
    expect(db).toBeNull();
    expect(diagnostics.map((d) => [d.code, d.location?.file, d.location?.line, d.location?.column])).toEqual([
      ["VX203", file, 3, 21],
      ["VX200", file, 19, 8],
    ]);
  });

  it("does not touch an env() url that appears outside the datasource block", async () => {
    const { db, diagnostics } = await readSchemaText({
      text: 'datasource db {\n  provider = "postgresql"\n}\nmodel User {\n  id  Int    @id\n  url String @default("env(DATABASE_URL)")\n}\n',
    });
    expect(diagnostics).toEqual([]);
    expect(findModel({ db: db!, name: "User" }).fields[1]).toMatchObject({
      name: "url",
      default: { kind: "literal", value: "env(DATABASE_URL)" },
    });
  });
});

describe("readPrisma: views with primary keys (Prisma <= 6.3) in compatibility mode", () => {
  const header = `generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["views"]
}

datasource db {
  provider = "postgresql"
}
`;

  it("keeps a view's @id as its primary key, with a VX204 at the attribute", async () => {
    const { db, diagnostics, file } = await readSchemaText({
      text: `${header}
view TraceView {
  id   String @id @default(cuid())
  name String
  @@map("traces_view")
}
`,
    });
    expect(
      diagnostics.map((d) => [d.code, d.severity, d.location?.file, d.location?.line, d.location?.column]),
    ).toEqual([["VX204", "warning", file, 11, 15]]);
    const view = db?.views[0];
    expect(view).toMatchObject({
      kind: "view",
      name: "TraceView",
      dbName: "traces_view",
      primaryKey: { fields: ["id"] },
    });
    expect(view?.fields[0]).toMatchObject({ name: "id", isId: true, default: { kind: "cuid", version: 1 } });
  });

  it("keeps a view's @@id (with its name) as its primary key", async () => {
    const { db, diagnostics } = await readSchemaText({
      text: `${header}
view Pair {
  a Int
  b Int
  @@id(fields: [a, b], name: "pairKey")
}
`,
    });
    expect(diagnostics.map((d) => d.code)).toEqual(["VX204"]);
    expect(db?.views[0]?.primaryKey).toEqual({ name: "pairKey", fields: ["a", "b"] });
  });

  it("leaves model primary keys alone", async () => {
    const { db, diagnostics } = await readSchemaText({ text: `${header}\nmodel M {\n  id Int @id\n}\n` });
    expect(diagnostics).toEqual([]);
    expect(db?.models[0]?.primaryKey).toEqual({ fields: ["id"] });
  });
});
