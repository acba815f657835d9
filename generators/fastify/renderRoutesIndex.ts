import { layoutDoc } from "../shared/layoutDoc.js";
import { importPath } from "../shared/projectLayout.js";
import { lineComment, type RouteTableModule } from "../shared/renderRouteTables.js";
import type { SourceFile } from "../shared/renderTypes.js";
import { arrayDoc } from "../shared/scriptDoc.js";

/** `routes.ts`: every group's routes in one list, which routeTable.ts's `registerRoutes` registers. */
export function renderRoutesIndex({ path, dir, tables, definitions }: { path: string; dir: string; tables: readonly RouteTableModule[]; definitions: string }): SourceFile {
  const folder = dir.slice(dir.lastIndexOf("/") + 1);
  const lines = [`import type { RouteDefinition } from "${importPath({ from: path, to: definitions })}";`];
  for (const { name, file } of tables) lines.push(`import { ${name} } from "${importPath({ from: path, to: `${dir}/${file}.ts` })}";`);
  lines.push("");
  lines.push(lineComment(`Every operation's route: each tag's are in its module (${folder}/).`));
  const all = arrayDoc({ items: tables.map(({ name }) => `...${name}`) });
  lines.push(layoutDoc({ doc: ["export const routes: readonly RouteDefinition[] = ", all, ";"] }));
  return { path, content: `${lines.join("\n")}\n` };
}
