import { describe, expect, it } from "vitest";
import type { Relation } from "../../../src/ir/types.js";
import { POSTGRES, readValidSchema } from "./readSchemaText.js";

const cases: { name: string; models: string; expected: Partial<Relation>[] }[] = [
  {
    name: "1-n with referential actions",
    models: `model User {
  id    Int    @id
  posts Post[]
}
model Post {
  id     Int  @id
  userId Int
  user   User @relation(fields: [userId], references: [id], onDelete: Cascade, onUpdate: Restrict)
}`,
    expected: [
      {
        name: "PostToUser",
        type: "1-n",
        implicit: false,
        self: false,
        from: { model: "Post", field: "user", fields: ["userId"] },
        to: { model: "User", field: "posts", fields: ["id"] },
        onDelete: "Cascade",
        onUpdate: "Restrict",
      },
    ],
  },
  {
    name: "1-1 (optional back side)",
    models: `model User {
  id      Int      @id
  profile Profile?
}
model Profile {
  id     Int  @id
  userId Int  @unique
  user   User @relation(fields: [userId], references: [id])
}`,
    expected: [
      {
        type: "1-1",
        from: { model: "Profile", field: "user", fields: ["userId"] },
        to: { model: "User", field: "profile", fields: ["id"] },
      },
    ],
  },
  {
    name: "implicit m-n",
    models: `model Tag {
  id    Int    @id
  posts Post[]
}
model Post {
  id   String @id
  tags Tag[]
}`,
    expected: [
      {
        name: "PostToTag",
        type: "m-n",
        implicit: true,
        self: false,
        from: { model: "Post", field: "tags", fields: ["id"] },
        to: { model: "Tag", field: "posts", fields: ["id"] },
      },
    ],
  },
  {
    name: "explicit m-n through a join model: two 1-n",
    models: `model Post {
  id   Int       @id
  tags PostTag[]
}
model Tag {
  id    Int       @id
  posts PostTag[]
}
model PostTag {
  postId Int
  tagId  Int
  post   Post @relation(fields: [postId], references: [id])
  tag    Tag  @relation(fields: [tagId], references: [id])
  @@id([postId, tagId])
}`,
    expected: [
      {
        name: "PostTagToTag",
        type: "1-n",
        implicit: false,
        from: { model: "PostTag", field: "tag", fields: ["tagId"] },
        to: { model: "Tag", field: "posts", fields: ["id"] },
      },
      {
        name: "PostToPostTag",
        type: "1-n",
        implicit: false,
        from: { model: "PostTag", field: "post", fields: ["postId"] },
        to: { model: "Post", field: "tags", fields: ["id"] },
      },
    ],
  },
  {
    name: "self 1-n (tree) and self m-n (followers)",
    models: `model Node {
  id        Int    @id
  parentId  Int?
  parent    Node?  @relation("Tree", fields: [parentId], references: [id], onDelete: SetNull)
  children  Node[] @relation("Tree")
  followers Node[] @relation("Follows")
  following Node[] @relation("Follows")
}`,
    expected: [
      {
        name: "Follows",
        type: "m-n",
        implicit: true,
        self: true,
        from: { model: "Node", field: "followers", fields: ["id"] },
        to: { model: "Node", field: "following", fields: ["id"] },
      },
      {
        name: "Tree",
        type: "1-n",
        self: true,
        from: { model: "Node", field: "parent", fields: ["parentId"] },
        to: { model: "Node", field: "children", fields: ["id"] },
        onDelete: "SetNull",
      },
    ],
  },
  {
    name: "self 1-1",
    models: `model Person {
  id          Int     @id
  partnerId   Int?    @unique
  partner     Person? @relation("Partner", fields: [partnerId], references: [id])
  partnerOf   Person? @relation("Partner")
}`,
    expected: [
      {
        name: "Partner",
        type: "1-1",
        self: true,
        from: { model: "Person", field: "partner", fields: ["partnerId"] },
        to: { model: "Person", field: "partnerOf", fields: ["id"] },
      },
    ],
  },
  {
    name: "two named relations between the same models, sorted by name",
    models: `model User {
  id       Int    @id
  written  Post[] @relation("written")
  reviewed Post[] @relation("reviewed")
}
model Post {
  id         Int  @id
  authorId   Int
  reviewerId Int
  author     User @relation("written", fields: [authorId], references: [id])
  reviewer   User @relation("reviewed", fields: [reviewerId], references: [id], onDelete: NoAction)
}`,
    expected: [
      {
        name: "reviewed",
        type: "1-n",
        from: { model: "Post", field: "reviewer", fields: ["reviewerId"] },
        onDelete: "NoAction",
      },
      { name: "written", type: "1-n", from: { model: "Post", field: "author", fields: ["authorId"] } },
    ],
  },
];

describe("readPrisma: relations", () => {
  it.each(cases)("$name", async ({ models, expected }) => {
    const db = await readValidSchema({ text: `${POSTGRES}${models}\n` });
    expect(db.relations).toHaveLength(expected.length);
    expected.forEach((relation, i) => expect(db.relations[i]).toMatchObject(relation));
  });

  it("leaves referential actions out when the schema does not set them", async () => {
    const db = await readValidSchema({
      text: `${POSTGRES}${cases[0]?.models.replace(", onDelete: Cascade, onUpdate: Restrict", "")}\n`,
    });
    expect(db.relations[0]).not.toHaveProperty("onDelete");
    expect(db.relations[0]).not.toHaveProperty("onUpdate");
  });

  it("reads MongoDB m-n with id lists on both sides as explicit", async () => {
    const db = await readValidSchema({
      text: `datasource db {
  provider = "mongodb"
}
model Post {
  id     String     @id @default(auto()) @map("_id") @db.ObjectId
  catIds String[]   @db.ObjectId
  cats   Category[] @relation(fields: [catIds], references: [id])
}
model Category {
  id      String   @id @default(auto()) @map("_id") @db.ObjectId
  postIds String[] @db.ObjectId
  posts   Post[]   @relation(fields: [postIds], references: [id])
}
`,
    });
    expect(db.relations).toEqual([
      {
        kind: "relation",
        name: "CategoryToPost",
        type: "m-n",
        implicit: false,
        self: false,
        from: { model: "Category", field: "posts", fields: ["postIds"] },
        to: { model: "Post", field: "cats", fields: ["catIds"] },
      },
    ]);
  });
});
