import { importLiteral } from "../shared/projectLayout.js";
import { lineComment, type RouteTableModule } from "../shared/renderRouteTables.js";
import { renderTemplate } from "../shared/renderTemplate.js";
import type { SourceFile } from "../shared/renderTypes.js";

/** `routes.ts`: every group's routes in one list, which routeTable.ts's `registerRoutes` registers. */
export function renderRoutesIndex({ path, dir, tables, definitions }: { path: string; dir: string; tables: readonly RouteTableModule[]; definitions: string }): SourceFile {
  const folder = dir.slice(dir.lastIndexOf("/") + 1);
  const data = {
    imports: { definitions: importLiteral({ from: path, to: definitions }) },
    tables: tables.map(({ name, file }) => ({ name, importLiteral: importLiteral({ from: path, to: `${dir}/${file}.ts` }) })),
    commentDoc: lineComment(`Every operation's route: each tag's are in its module (${folder}/).`),
  };
  return { path, content: renderTemplate({ plugin: "fastify", file: "fastify/routes.ts.ejs", data }) };
}
