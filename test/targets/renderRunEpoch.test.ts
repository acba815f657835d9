import { describe, expect, it } from "vitest";
import { memoPiece } from "../../generators/shared/memoPiece.js";
import { RenderRun } from "../../generators/shared/renderRun.js";
import type { NamedSchema } from "../../src/ir/types.js";
import type { NameTable } from "../../src/naming/NameTable.js";

/**
 * `RenderRun.epoch`: runs with the same NameTable object and the same NamedSchema objects by name skip checking a
 * piece's recorded reads; any other run checks them one by one.
 */

function schema(name: string): NamedSchema {
  const source = { kind: "openapi" as const, file: "a.yaml", pointer: `/components/schemas/${name}` };
  return { kind: "namedSchema", name, schema: { kind: "string", nullable: false, readOnly: false, writeOnly: false, deprecated: false, source }, jsonSchema: { type: "string" }, source };
}

function table(types: Record<string, string>): NameTable {
  return {
    schemaType: (name) => {
      const found = types[name];
      if (found === undefined) throw new Error(`no schema ${name}`);
      return found;
    },
    model: () => ({ type: "", variable: "", plural: "", file: "" }),
    operation: () => ({ handler: "", type: "", file: "", group: { tag: undefined, file: "", type: "" } }),
    enumType: (name) => name,
    securityScheme: () => ({ verifier: "", file: "" }),
  };
}

describe("RenderRun epochs", () => {
  it("reuses a piece only while every read it made gives the same answer", () => {
    const key = {};
    const a = schema("A");
    const b = schema("B");
    const names = table({ A: "A", B: "B" });
    let computed = 0;
    const memo = memoPiece({
      name: "epoch-test",
      key: "key",
      render: (_inputs: { key: object }, reads) => {
        computed++;
        return `${reads.schemaType("A")}:${reads.schemas.get("B") === undefined ? "none" : "some"}`;
      },
    });
    const piece = (run: RenderRun): string => memo({ inputs: { key }, run });
    const first = new RenderRun({ names, schemas: [a, b], forcedReadOnly: new Set() });
    expect(piece(first)).toBe("A:some");
    // Same table and schema objects: the same epoch, reused.
    const same = new RenderRun({ names, schemas: [a, b], forcedReadOnly: new Set() });
    expect(same.epoch).toBe(first.epoch);
    expect(piece(same)).toBe("A:some");
    expect(computed).toBe(1);
    // A schema the piece read is another object: another epoch, recomputed.
    const changed = new RenderRun({ names, schemas: [a, schema("B")], forcedReadOnly: new Set() });
    expect(changed.epoch).not.toBe(first.epoch);
    expect(piece(changed)).toBe("A:some");
    expect(computed).toBe(2);
    // Back to the first set: its epoch again, but the piece was last recorded with the other B: checked, recomputed.
    const back = new RenderRun({ names, schemas: [a, b], forcedReadOnly: new Set() });
    expect(piece(back)).toBe("A:some");
    expect(computed).toBe(3);
    // A new table giving the same answers: checked one by one and reused.
    const other = new RenderRun({ names: table({ A: "A", B: "B" }), schemas: [a, b], forcedReadOnly: new Set() });
    expect(other.epoch).not.toBe(back.epoch);
    expect(piece(other)).toBe("A:some");
    expect(computed).toBe(3);
    // A table answering differently: recomputed.
    const renamed = new RenderRun({ names: table({ A: "A2", B: "B" }), schemas: [a, b], forcedReadOnly: new Set() });
    expect(piece(renamed)).toBe("A2:some");
    // B removed: the lookup that found it now finds nothing.
    const removed = new RenderRun({ names: table({ A: "A2" }), schemas: [a], forcedReadOnly: new Set() });
    expect(piece(removed)).toBe("A2:none");
    expect(computed).toBe(5);
  });
});
