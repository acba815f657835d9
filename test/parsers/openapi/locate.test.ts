import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locateInBlockYaml } from "../../../src/parsers/openapi/locateInBlockYaml.js";
import { buildYamlPositionIndex, locateInYaml } from "../../../src/parsers/openapi/locateInYaml.js";
import { locateInJson } from "../../../src/parsers/openapi/locateInJson.js";
import { lineColumnAt } from "../../../src/parsers/openapi/lineColumnAt.js";
import { parseSpecText } from "../../../src/parsers/openapi/parseSpecText.js";
import { splitPointer } from "../../../src/parsers/openapi/jsonPointer.js";
import { allPointers } from "./allPointers.js";

const yamlText = [
  "# leading comment",
  "openapi: 3.0.0",
  "paths:",
  "  /pets/{id}:",
  "    get:",
  "      tags:",
  "      - pets",
  "      - animals",
  "      parameters:",
  "        - name: id",
  "          in: path",
  "        -   name: q",
  '  "quoted: key":',
  "    description: |",
  "      text: not a key",
  "    'it''s': 1",
  "list:",
  "  - - nested",
  "    - inner",
  "flow: {a: 1}",
  "",
].join("\n");

const rows: { pointer: string; at: [number, number] | undefined }[] = [
  { pointer: "", at: [2, 1] },
  { pointer: "/openapi", at: [2, 1] },
  { pointer: "/paths/~1pets~1{id}/get", at: [5, 5] },
  { pointer: "/paths/~1pets~1{id}/get/tags/1", at: [8, 9] },
  { pointer: "/paths/~1pets~1{id}/get/parameters/0/in", at: [11, 11] },
  { pointer: "/paths/~1pets~1{id}/get/parameters/1", at: [12, 13] },
  { pointer: "/paths/~1pets~1{id}/get/parameters/1/name", at: [12, 13] },
  { pointer: "/paths/quoted: key/description", at: [14, 5] },
  { pointer: "/paths/quoted: key/it's", at: [16, 5] },
  { pointer: "/list/0/1", at: [19, 7] },
  { pointer: "/paths/~1pets~1{id}/get/missing", at: [5, 5] },
  { pointer: "/paths/~1pets~1{id}/get/tags/7", at: [6, 7] },
  { pointer: "/flow", at: [20, 1] },
  { pointer: "/flow/a", at: undefined },
];

describe("locating JSON pointers", () => {
  it.each(rows)("block YAML fast path: $pointer", ({ pointer, at }) => {
    const position = locateInBlockYaml({ lines: yamlText.split("\n"), segments: splitPointer(pointer) ?? [] });
    expect(position).toEqual(at ? { line: at[0], column: at[1] } : undefined);
  });

  it.each(rows.filter((r) => r.at !== undefined))("agrees with the yaml package: $pointer", ({ pointer, at }) => {
    const index = buildYamlPositionIndex({ text: yamlText });
    expect(locateInYaml({ index, segments: splitPointer(pointer) ?? [] })).toEqual({ line: at?.[0], column: at?.[1] });
  });

  it("JSON: keys, items, escapes, missing members (deepest ancestor)", () => {
    const text = '{\n  "a": {"b\\"c": [10, {"d": 1}]},\n  "e/f": true\n}';
    const pos = (pointer: string) => lineColumnAt({ text, offset: locateInJson({ text, segments: splitPointer(pointer) ?? [] }) });
    expect(pos("/a")).toEqual({ line: 2, column: 3 });
    expect(pos('/a/b"c/1/d')).toEqual({ line: 2, column: 23 });
    expect(pos("/e~1f")).toEqual({ line: 3, column: 3 });
    expect(pos("/a/zzz")).toEqual({ line: 2, column: 3 });
  });

  it("the fast path and the yaml package agree on every pointer of every fixture YAML file", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.ya?ml$/.test(name)) files.push(full);
      }
    };
    walk("fixtures/openapi");
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const parsed = parseSpecText({ file, text });
      if (!parsed.ok || parsed.format !== "yaml") continue;
      const index = buildYamlPositionIndex({ text });
      const lines = text.split("\n");
      for (const pointer of allPointers(parsed.value)) {
        const segments = splitPointer(pointer) ?? [];
        const fast = locateInBlockYaml({ lines, segments });
        if (!fast) continue;
        expect(fast, `${file}#${pointer}`).toEqual(locateInYaml({ index, segments }));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});
