import type { DiagnosticLocation } from "../../ir/types.js";
import type { SpecFile } from "./SpecFile.js";
import { splitPointer } from "./jsonPointer.js";
import { lineColumnAt, lineStarts } from "./lineColumnAt.js";
import { createJsonOffsetIndex, locateInJson, type JsonOffsetIndex } from "./locateInJson.js";
import { locateInBlockYaml } from "./locateInBlockYaml.js";
import { buildYamlPositionIndex, locateInYaml, type YamlPositionIndex } from "./locateInYaml.js";

export type Locate = (source: { file: string; pointer: string }) => DiagnosticLocation;

/**
 * `locate` for a set of files: line and column of any JSON pointer in any of them. Nothing is computed until a
 * location is asked for: JSON is scanned (line table + a skipping scan); YAML is followed by indentation
 * (`locateInBlockYaml`) and only parsed with positions (a `yaml` document with a LineCounter, built once per file)
 * when the pointer goes through something the fast path does not handle.
 */
export function createLocator({ files }: { files: Iterable<SpecFile> }): Locate {
  const byName = new Map<string, SpecFile>();
  for (const file of files) byName.set(file.file, file);
  const yamlIndexes = new Map<string, YamlPositionIndex>();
  const jsonLines = new Map<string, number[]>();
  const jsonIndexes = new Map<string, JsonOffsetIndex>();
  const yamlLines = new Map<string, string[]>();
  const memo = new Map<string, DiagnosticLocation>();

  return ({ file, pointer }) => {
    const memoKey = `${file}#${pointer}`;
    const known = memo.get(memoKey);
    if (known) return { ...known };
    const spec = byName.get(file);
    const segments = splitPointer(pointer);
    let location: DiagnosticLocation = { file, pointer };
    if (spec && segments) {
      if (spec.format === "json") {
        let starts = jsonLines.get(file);
        if (!starts) {
          starts = lineStarts({ text: spec.text });
          jsonLines.set(file, starts);
        }
        let index = jsonIndexes.get(file);
        if (!index) {
          index = createJsonOffsetIndex();
          jsonIndexes.set(file, index);
        }
        const offset = locateInJson({ text: spec.text, segments, index });
        location = { file, ...lineColumnAt({ text: spec.text, offset, starts }), pointer };
      } else {
        let lines = yamlLines.get(file);
        if (!lines) {
          lines = spec.text.split("\n");
          yamlLines.set(file, lines);
        }
        let position = locateInBlockYaml({ lines, segments });
        if (!position) {
          let index = yamlIndexes.get(file);
          if (!index) {
            index = buildYamlPositionIndex({ text: spec.text });
            yamlIndexes.set(file, index);
          }
          position = locateInYaml({ index, segments });
        }
        location = { file, ...position, pointer };
      }
    }
    memo.set(memoKey, location);
    return { ...location };
  };
}
