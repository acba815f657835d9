import { describe, expect, it } from "vitest";
import { dbEnum, dbModel, enumField, model, relationField, scalarField, view } from "../../../src/ir/factories/db.js";
import { POSTGRES, readValidSchema } from "./readSchemaText.js";

describe("IR factories for database models", () => {
  it("build the same IR the reader builds for the same schema, apart from sources", async () => {
    const read = await readValidSchema({
      text: `${POSTGRES}enum Role {\n  USER\n}\nmodel User {\n  id    Int    @id\n  role  Role\n  posts Post[]\n}\nmodel Post {\n  id       Int  @id\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id])\n}\n`,
    });
    const built = dbModel({
      models: [
        model({
          name: "User",
          fields: [
            scalarField({ name: "id", type: "Int", isId: true }),
            enumField({ name: "role", type: "Role" }),
            relationField({ name: "posts", type: "Post", isList: true, relationName: "PostToUser" }),
          ],
        }),
        model({
          name: "Post",
          fields: [
            scalarField({ name: "id", type: "Int", isId: true }),
            scalarField({ name: "authorId", type: "Int", isForeignKey: true }),
            relationField({
              name: "author",
              type: "User",
              relationName: "PostToUser",
              fromFields: ["authorId"],
              toFields: ["id"],
            }),
          ],
        }),
      ],
      enums: [dbEnum({ name: "Role", values: ["USER"] })],
    });
    const withoutSources = (value: unknown): unknown =>
      JSON.parse(
        JSON.stringify(value, (key, v: unknown) =>
          key === "source" || key === "file" || key === "files" ? undefined : v,
        ),
      );
    expect(withoutSources(built)).toEqual(withoutSources(read));
  });

  it("fill defaults: String scalar, required, primary key from isId, db name = name", () => {
    const m = model({
      name: "Tag",
      fields: [scalarField({ name: "slug", isId: true }), scalarField({ name: "label", isUnique: true })],
    });
    expect(m).toMatchObject({
      kind: "model",
      dbName: "Tag",
      primaryKey: { fields: ["slug"] },
      uniques: [{ fields: ["label"] }],
      indexes: [],
    });
    expect(m.fields[1]).toMatchObject({
      kind: "scalar",
      type: "String",
      dbName: "label",
      isRequired: true,
      isList: false,
    });
    expect(model({ name: "Plain" }).fields).toMatchObject([{ name: "id", type: "Int", isId: true }]);
    expect(view({ name: "V" }).kind).toBe("view");
  });

  it("sort models and views by name and compute relations unless given", () => {
    const db = dbModel({
      models: [model({ name: "B" }), model({ name: "A" })],
      views: [view({ name: "Z" }), view({ name: "Y" })],
    });
    expect(db.models.map((m) => m.name)).toEqual(["A", "B"]);
    expect(db.views.map((m) => m.name)).toEqual(["Y", "Z"]);
    expect(db.relations).toEqual([]);
  });
});
