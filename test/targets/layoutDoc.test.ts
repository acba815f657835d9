import { describe, expect, it } from "vitest";
import { format } from "prettier";
import { group, hardline, indent, layoutDoc, line, softline } from "../../generators/shared/layoutDoc.js";
import { typeAfter, typeDoc } from "../../generators/shared/printType.js";
import { arrowConst } from "../../generators/shared/renderHandlers.js";
import { enumSchema, objectSchema, property, refSchema, arraySchema, stringSchema, integerSchema, unionSchema, nullSchema } from "../../src/ir/factories/api.js";

const refName = (n: string) => n;
const declare = ({ name, node, width = 120 }: { name: string; node: Parameters<typeof typeDoc>[0]["node"]; width?: number }) =>
  layoutDoc({ doc: [typeAfter({ type: typeDoc({ node, variant: "response", refName, docs: true }), separator: `export type ${name} =` }), ";"], width });

describe("layoutDoc", () => {
  it("keeps a group on one line when it fits and breaks it when it does not", () => {
    const doc = group(["f(", indent([softline, "aaaa,", line, "bbbb"]), softline, ")"]);
    expect(layoutDoc({ doc, width: 40 })).toBe("f(aaaa, bbbb)");
    expect(layoutDoc({ doc, width: 8 })).toBe("f(\n  aaaa,\n  bbbb\n)");
  });

  it("breaks every group around a hard line and leaves no trailing spaces", () => {
    expect(layoutDoc({ doc: group(["{", indent([line, "// note", hardline, "a"]), line, "}"]) })).toBe("{\n  // note\n  a\n}");
    expect(layoutDoc({ doc: ["a ", hardline, "b"] })).toBe("a\nb");
  });

  it("counts what follows a group on the same line (a group that fits only without its `;` breaks)", () => {
    const doc = [group(["{", indent([line, "x"]), line, "}"]), ";"];
    expect(layoutDoc({ doc, width: 6 })).toBe("{ x };");
    expect(layoutDoc({ doc, width: 5 })).toBe("{\n  x\n};");
  });
});

describe("type declarations laid out without prettier", () => {
  const pet = objectSchema({
    properties: [
      property({ name: "id", schema: integerSchema({ description: "Unique id" }), required: true }),
      property({ name: "name", schema: stringSchema(), required: true }),
      property({ name: "tags", schema: arraySchema({ items: objectSchema({ properties: [property({ name: "label", schema: stringSchema() })] }) }) }),
      property({ name: "status", schema: enumSchema({ values: ["available", "pending", "sold"] }) }),
      property({ name: "owner", schema: unionSchema({ members: [refSchema({ name: "Person" }), nullSchema()] }) }),
    ],
  });

  it("prints objects one member per line with property descriptions, small ones on one line", () => {
    expect(declare({ name: "Pet", node: pet })).toBe(
      [
        "export type Pet = {",
        "  /**",
        "   * Unique id",
        "   */",
        "  id: number;",
        "  name: string;",
        "  tags?: Array<{ label?: string }>;",
        '  status?: "available" | "pending" | "sold";',
        "  owner?: Person | null;",
        "};",
      ].join("\n"),
    );
    expect(declare({ name: "Small", node: objectSchema({ properties: [property({ name: "a", schema: stringSchema(), required: true })] }) })).toBe("export type Small = { a: string };");
  });

  it("moves a union that does not fit to one member per line", () => {
    const values = Array.from({ length: 12 }, (_, i) => `value-number-${i}`);
    expect(declare({ name: "Long", node: enumSchema({ values }) })).toBe(["export type Long =", ...values.map((v) => `  | "${v}"`)].join("\n") + ";");
  });

  it("is what prettier prints for the same declarations (so it reads like the rest of the generated code)", async () => {
    const values = Array.from({ length: 12 }, (_, i) => `value-number-${i}`);
    const middling = enumSchema({ values: ["COLLABORATOR", "CONTRIBUTOR", "FIRST_TIMER", "FIRST_TIME_CONTRIBUTOR", "MANNEQUIN", "MEMBER", "NONE"] });
    const declarations = [
      declare({ name: "Pet", node: pet }),
      declare({ name: "Long", node: enumSchema({ values }) }),
      // Fits on a line of its own but not after the name: prettier still puts one member per line.
      declare({ name: "AuthorAssociationOfTheCommentOnAnIssue", node: middling }),
      declare({ name: "Roles", node: objectSchema({ properties: [property({ name: "roles", schema: arraySchema({ items: middling }), required: true })] }) }),
      declare({ name: "Mixed", node: unionSchema({ members: [pet, refSchema({ name: "Person" }), arraySchema({ items: stringSchema() })] }) }),
    ];
    for (const text of declarations) {
      const pretty = await format(text, { parser: "typescript", printWidth: 120, trailingComma: "all" });
      expect(pretty.trimEnd()).toBe(text);
    }
  });
});

describe("handler scaffolds printed without prettier", () => {
  it("uses the layout prettier picks for each length of name", async () => {
    const body = ["void request;", "void context;", 'throw notImplemented("op");'];
    for (const length of [5, 30, 45, 60, 80]) {
      const name = `handler${"X".repeat(length)}`;
      const code = arrowConst({ name, type: `${name}Handler`, body });
      const pretty = await format(code, { parser: "typescript", printWidth: 120, trailingComma: "all" });
      expect(pretty.trimEnd(), `name length ${name.length}`).toBe(code);
    }
  });
});
