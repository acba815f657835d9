import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/ir/types.js";
import { createDiagnostic, sortDiagnostics } from "../../src/diagnostics/createDiagnostic.js";

function many(): Diagnostic[] {
  return Array.from({ length: 100 }, (_, i) =>
    createDiagnostic({ code: "VX400", message: `name ${i}`, location: { file: `f${i % 3}.yaml`, pointer: `/x/${i}`, line: (i * 37) % 50, column: 1 } }),
  );
}

const order = (list: readonly Diagnostic[]) => list.map((d) => d.message);

describe("sortDiagnostics", () => {
  it("sorts a list the same whatever order it comes in, and again when asked again", () => {
    const list = many();
    const first = sortDiagnostics(list);
    expect(order(sortDiagnostics([...list].reverse()))).toEqual(order(first));
    const again = sortDiagnostics(list);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
  });

  it("sorts again when a diagnostic got a new location since (readOpenApi fills in lines in place)", () => {
    const list = many();
    const before = order(sortDiagnostics(list));
    const moved = list[50] as Diagnostic;
    moved.location = { file: "a-first.yaml", pointer: "/x/50", line: 1, column: 1 };
    const after = order(sortDiagnostics(list));
    expect(after[0]).toBe("name 50");
    expect(after).not.toEqual(before);
  });
});
