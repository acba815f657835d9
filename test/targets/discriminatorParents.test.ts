import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IrDocument, NamedSchema } from "../../src/ir/types.js";
import type { RenderedFile } from "../../src/pipeline/RenderedFile.js";
import type { GeneratedValidator } from "../../src/validators/ValidationIssue.js";
import { generateFixture } from "./helpers/generateFixture.js";
import { loadValidationUnits } from "./helpers/loadValidationUnits.js";

// Issue 12: a discriminator on an allOf parent (Pet, with Cat, Dog, Reptile and Reptile's child Lizard) is carried in
// the IR, and each child's discriminator property is narrowed to its mapping value(s) in its type and its validator.
const openapi = "fixtures/openapi/discriminator/api.yaml";
const dir = mkdtempSync(join(tmpdir(), "vx-discriminator-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let ir: IrDocument;
let files: RenderedFile[];
let createCatBody: GeneratedValidator;
beforeAll(async () => {
  const generated = await generateFixture({ openapi });
  ir = generated.ir;
  files = generated.files;
  const load = await loadValidationUnits(files);
  createCatBody = (await load("create-cat.body.ts"))["body"] as GeneratedValidator;
}, 120_000);

function named(name: string): NamedSchema {
  const found = ir.api?.schemas.find((s) => s.name === name);
  if (!found) throw new Error(`no schema ${name}`);
  return found;
}

/** The discriminator narrowings of a child: the `allOf` members vx-gen added, as property -> allowed values. */
function narrowings(name: string): Record<string, unknown> {
  const node = named(name).schema;
  if (node.kind !== "intersection") return {};
  const added = node.members.filter((m) => m.kind === "object" && m.source.pointer.endsWith("/discriminator"));
  return Object.fromEntries(
    added.flatMap((m) => (m.kind === "object" ? m.properties : [])).map((p) => [p.name, p.schema.kind === "const" ? p.schema.value : p.schema.kind === "enum" ? p.schema.values : p.schema.kind]),
  );
}

/** `tsc --strict` messages of `probe` importing the generated response types. */
function typeErrors(probe: string): string[] {
  const types = files.find((f) => f.path === "src/generated/types/schemas.response.ts");
  writeFileSync(join(dir, "schemas.ts"), String(types?.content));
  writeFileSync(join(dir, "probe.ts"), probe);
  const program = ts.createProgram([join(dir, "probe.ts")], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [] });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("a discriminator on an allOf parent", () => {
  it("is carried on the parent, every mapping explicit: written ones first, then each allOf child by its name", () => {
    expect(ir.diagnostics).toEqual([]);
    const pet = named("Pet").schema;
    expect(pet.kind === "object" ? pet.discriminator : undefined).toEqual({
      propertyName: "petType",
      mapping: [
        { value: "doggo", schema: "Dog" },
        { value: "gecko", schema: "Lizard" },
        { value: "hound", schema: "Dog" },
        { value: "Cat", schema: "Cat" },
        { value: "Reptile", schema: "Reptile" },
      ],
    });
    const reptile = named("Reptile").schema;
    expect(reptile.kind === "intersection" ? reptile.discriminator : undefined).toEqual({ propertyName: "family", mapping: [{ value: "Lizard", schema: "Lizard" }] });
  });

  it("narrows each child to its values; an intermediate child also allows its descendants' (so none is unsatisfiable)", () => {
    expect(narrowings("Cat")).toEqual({ petType: "Cat" });
    expect(narrowings("Dog")).toEqual({ petType: ["doggo", "hound"] });
    expect(narrowings("Reptile")).toEqual({ petType: ["gecko", "Reptile"] });
    expect(narrowings("Lizard")).toEqual({ family: "Lizard", petType: "gecko" });
    expect(narrowings("Pet")).toEqual({});
  });

  it("types each child with its literal values, so a switch on the discriminator narrows a union of children", () => {
    const types = String(files.find((f) => f.path === "src/generated/types/schemas.response.ts")?.content);
    expect(types).toContain('export type Cat = Pet & { indoor?: boolean } & { petType: "Cat" };');
    expect(types).toContain('export type Lizard = Reptile & { family?: string } & { family: "Lizard" } & { petType: "gecko" };');
    const probe = `import type { Cat, Dog, Lizard } from "./schemas.js";
export function describe(pet: Cat | Dog | Lizard): string {
  switch (pet.petType) {
    case "Cat":
      return String(pet.indoor);
    case "doggo":
    case "hound":
      return String(pet.barks);
    case "gecko":
      return pet.family;
  }
}
export const wrong: Cat = { name: "Tom", petType: "doggo" };
`;
    const errors = typeErrors(probe);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Type '"doggo"' is not assignable to type '"Cat"'/);
  });

  it("checks the discriminator value in the child's validator (a request body of type Cat)", () => {
    expect(createCatBody({ name: "Tom", petType: "Cat", indoor: true })).toEqual({ valid: true, errors: [] });
    const wrong = createCatBody({ name: "Tom", petType: "doggo" });
    expect(wrong.valid).toBe(false);
    expect(wrong.errors).toEqual([expect.objectContaining({ field: "petType", keyword: "const" })]);
    expect(createCatBody({ name: "Tom" }).errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: "petType", keyword: "required" })]));
  });
});
