import { readFileSync } from "node:fs";
import { join } from "node:path";
import internals from "@prisma/internals";
import { describe, expect, it } from "vitest";
import {
  getPrismaDatamodel,
  lintPrismaSchema,
  wasmErrorMessage,
  type SchemaFileTuple,
} from "../../../src/parsers/prisma/prismaSchemaWasm.js";

const root = join("fixtures", "prisma", "multi-file");
const files: SchemaFileTuple[] = ["schema.prisma", "models/user.prisma", "models/blog/post.prisma"].map((name) => [
  join(root, name),
  readFileSync(join(root, name), "utf8"),
]);

// The reader calls Prisma's schema WASM directly (getDMMF also builds the query schema: ~11 s on a 300-model
// schema). These tests pin that it is the same parser with the same result, so an upgrade that changes it fails here.
describe("prismaSchemaWasm: the WASM build @prisma/internals uses", () => {
  it("returns exactly the datamodel of @prisma/internals' getDMMF", async () => {
    const dmmf = await internals.getDMMF({ datamodel: files });
    expect(getPrismaDatamodel({ files })).toEqual(JSON.parse(JSON.stringify(dmmf.datamodel)));
  });

  it("rejects what getDMMF rejects, and lint locates each error by file and string offset", async () => {
    const broken: SchemaFileTuple[] = [
      files[0]!,
      [join(root, "models", "user.prisma"), "model User {\n  id   Int  @id\n  team Team\n}\n"],
    ];
    await expect(internals.getDMMF({ datamodel: broken })).rejects.toThrow(/Team/);
    expect(() => getPrismaDatamodel({ files: broken })).toThrow();
    let message = "";
    try {
      getPrismaDatamodel({ files: broken });
    } catch (error) {
      message = wasmErrorMessage(error);
    }
    expect(message).toContain('Type "Team" is neither a built-in type');
    const lint = lintPrismaSchema({ files: broken }).filter((m) => !m.is_warning);
    expect(lint).toHaveLength(1);
    const text = broken[1]![1];
    expect(lint[0]).toMatchObject({ file_name: join(root, "models", "user.prisma") });
    expect(text.slice(lint[0]!.start, lint[0]!.end)).toBe("Team");
  });
});
