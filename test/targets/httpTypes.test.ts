import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { renderTemplate } from "../../generators/shared/renderTemplate.js";

const dir = mkdtempSync(join(tmpdir(), "vx-http-types-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The messages of `tsc --strict` over the generated `types/http.ts` and `probe` importing it. */
function typeErrors(probe: string): string[] {
  writeFileSync(join(dir, "http.ts"), renderTemplate({ plugin: "shared", file: "types/http.ts" }));
  writeFileSync(join(dir, "probe.ts"), probe);
  const program = ts.createProgram([join(dir, "probe.ts")], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [] });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("types/http.ts (status range types)", () => {
  it("is each range's 100 codes exactly, as the literal union it stands for", () => {
    const groups = [1, 2, 3, 4, 5];
    const lines = groups.map((group) => {
      const codes = Array.from({ length: 100 }, (_, i) => group * 100 + i).join(" | ");
      return `export const same${group}: Exact<Status${group}XX, ${codes}> = true;`;
    });
    const probe = `import type { ${groups.map((g) => `Status${g}XX`).join(", ")} } from "./http.js";
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
${lines.join("\n")}
`;
    expect(typeErrors(probe)).toEqual([]);
  });

  it("keeps a handler's statuses strict: a code out of the range, a fraction or a wide number is an error", () => {
    const probe = `import type { Status4XX } from "./http.js";
type Response = { status: 200; body: string } | { status: Status4XX; body: { message: string } };
export const ok: Response[] = [{ status: 200, body: "x" }, { status: 400, body: { message: "x" } }, { status: 499, body: { message: "x" } }];
export const below: Response = { status: 399, body: { message: "x" } };
export const above: Response = { status: 500, body: { message: "x" } };
export const fraction: Response = { status: 400.5, body: { message: "x" } };
const wide: number = 404;
export const widened: Response = { status: wide, body: { message: "x" } };
`;
    const errors = typeErrors(probe);
    expect(errors).toHaveLength(4);
    for (const e of errors) expect(e).toMatch(/is not assignable/);
  });
});
