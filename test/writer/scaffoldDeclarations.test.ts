import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RenderedFile } from "../../src/pipeline/RenderedFile.js";
import { writeOutput } from "../../src/writer/writeOutput.js";
import { makeTempDir } from "./outputFolder.js";

/** A handlers scaffold as a target would render it: one declaration per operation. */
function handlers(ops: { name: string; params?: string }[]): RenderedFile {
  const declarations = ops.map(({ name, params = "request" }) => ({
    name,
    code: `export async function ${name}(${params}: unknown): Promise<unknown> {\n  throw new Error("${name}: not implemented");\n}`,
  }));
  return {
    path: "src/handlers/pets.ts",
    content: `// Your handlers. vx-gen adds new ones here and never changes the rest.\n\n${declarations.map((d) => d.code).join("\n\n")}\n`,
    ownership: "scaffold",
    declarations,
  };
}

const userBody = (name: string) => `// my implementation of ${name}, with odd   spacing\r\nexport async function ${name}(request: unknown) {\n  return { id: 1,   name: "rex" };   \n}`;

describe("declarations in user scaffold files", () => {
  it("adds a handler for a new operation, leaving every other byte of the user's file unchanged", async () => {
    const out = await makeTempDir();
    const file = join(out, "src/handlers/pets.ts");
    await writeOutput({ outDir: out, files: [handlers([{ name: "listPets" }, { name: "getPet" }])] });
    const userText = `import { db } from "../db.js";\n\n${userBody("listPets")}\n\n${userBody("getPet")}\n\n// trailing comment the user wrote\nconst helper = 1;\n`;
    await writeFile(file, userText);

    const result = await writeOutput({ outDir: out, files: [handlers([{ name: "listPets" }, { name: "getPet" }, { name: "createPet" }])] });
    expect(result.plan.actions.map((a) => a.kind)).toEqual(["merge"]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["VX508"]);
    const merged = await readFile(file, "utf8");
    const at = merged.indexOf("\n\nexport async function createPet");
    expect(at).toBeGreaterThan(0);
    const inserted = merged.slice(at, merged.indexOf("}", at) + 1);
    // Remove the inserted block and the user's file is back, byte for byte.
    expect(merged.slice(0, at) + merged.slice(at + inserted.length)).toBe(userText);
    // It went right after the last handler, before the user's own trailing code.
    expect(merged.indexOf("createPet")).toBeLessThan(merged.indexOf("trailing comment"));

    const again = await writeOutput({ outDir: out, files: [handlers([{ name: "listPets" }, { name: "getPet" }, { name: "createPet" }])] });
    expect(again.plan.actions.map((a) => a.kind)).toEqual(["unchanged"]);
    expect(await readFile(file, "utf8")).toBe(merged);
  });

  it("appends at the end when the file has none of the managed declarations, and keeps CRLF line endings", async () => {
    const out = await makeTempDir();
    const file = join(out, "src/handlers/pets.ts");
    await writeOutput({ outDir: out, files: [handlers([{ name: "a" }])] });
    await writeFile(file, "// emptied by the user\r\nexport {};");
    await writeOutput({ outDir: out, files: [handlers([{ name: "a" }])] });
    const text = await readFile(file, "utf8");
    expect(text.startsWith("// emptied by the user\r\nexport {};\r\n\r\nexport async function a(request: unknown): Promise<unknown> {\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("reports a removed operation's handler and a changed signature at the user's line", async () => {
    const out = await makeTempDir();
    await writeOutput({ outDir: out, files: [handlers([{ name: "listPets" }, { name: "deletePet" }, { name: "getPet" }])] });
    const file = join(out, "src/handlers/pets.ts");
    const userText = `${userBody("listPets")}\n\n${userBody("deletePet")}\n\n${userBody("getPet")}\n`;
    await writeFile(file, userText);
    const result = await writeOutput({ outDir: out, files: [handlers([{ name: "listPets" }, { name: "getPet", params: "input" }])] });
    const found = result.diagnostics.map((d) => `${d.code} ${d.location?.line}:${d.location?.column} ${d.message.split(" ")[0]}`);
    expect(found).toEqual(["VX502 7:23 `deletePet`", "VX503 12:23 the"]);
    expect(result.diagnostics[0]?.location?.file.endsWith("src/handlers/pets.ts")).toBe(true);
    expect(await readFile(file, "utf8")).toBe(userText);
  });

  it("leaves a file that does not parse alone and says what to add", async () => {
    const out = await makeTempDir();
    await writeOutput({ outDir: out, files: [handlers([{ name: "listPets" }])] });
    const file = join(out, "src/handlers/pets.ts");
    const broken = "export async function listPets(request: unknown) {\n  return [1, 2;\n}\n";
    await writeFile(file, broken);
    const result = await writeOutput({ outDir: out, files: [handlers([{ name: "listPets" }, { name: "createPet" }])] });
    const diagnostic = result.diagnostics.find((d) => d.code === "VX501");
    expect(diagnostic?.location?.line).toBe(2);
    expect(diagnostic?.help).toContain("export async function createPet(request: unknown)");
    expect(result.plan.actions.map((a) => a.kind)).toEqual(["keep"]);
    expect(await readFile(file, "utf8")).toBe(broken);
  });

  it("counts re-exported names and variable declarations as present", async () => {
    const out = await makeTempDir();
    await writeOutput({ outDir: out, files: [handlers([{ name: "listPets" }, { name: "getPet" }])] });
    const file = join(out, "src/handlers/pets.ts");
    const userText = `export { list as listPets } from "./impl.js";\nexport const getPet = async () => 1;\n`;
    await writeFile(file, userText);
    const result = await writeOutput({ outDir: out, files: [handlers([{ name: "listPets" }, { name: "getPet" }])] });
    expect(result.plan.actions.map((a) => a.kind)).toEqual(["unchanged"]);
    expect(await readFile(file, "utf8")).toBe(userText);
  });
});
