import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderDiagnosticsDoc } from "../src/diagnostics/renderDiagnosticsDoc.js";
import { diagnosticCodes } from "../src/diagnostics/codes.js";

describe("docs/diagnostics.md", () => {
  it("lists every code of the catalogue (run `npm run docs:diagnostics` after adding one)", () => {
    expect(readFileSync("docs/diagnostics.md", "utf8")).toBe(renderDiagnosticsDoc());
  });

  it("every code is in a documented range", () => {
    for (const code of Object.keys(diagnosticCodes)) expect(code).toMatch(/^VX[0-6]\d\d$/);
  });
});
