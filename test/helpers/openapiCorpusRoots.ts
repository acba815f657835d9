import { readFileSync } from "node:fs";
import path from "node:path";

/** Root file of each OpenAPI document listed in the corpus's SOURCES.md (`corpusDir` is ../shared/corpus). */
export function openapiCorpusRoots({ corpusDir }: { corpusDir: string }): { name: string; file: string }[] {
  const roots: { name: string; file: string }[] = [];
  for (const line of readFileSync(path.join(corpusDir, "SOURCES.md"), "utf8").split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    const name = cells[1];
    if (!name?.startsWith("openapi/")) continue;
    const rootCell = cells[3] ?? "";
    const arrow = rootCell.split("→")[1];
    const rel = arrow ? /`([^`]+)`/.exec(arrow)?.[1] : `${name}/${path.basename(/`([^`]+)`/.exec(rootCell)?.[1] ?? "")}`;
    if (rel) roots.push({ name: name.slice("openapi/".length), file: path.join(corpusDir, rel) });
  }
  return roots;
}
