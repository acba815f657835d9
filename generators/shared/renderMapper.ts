import type { MapperModule } from "./planMapper.js";
import { importLiteral, projectLayout } from "./projectLayout.js";
import { renderTemplate } from "./renderTemplate.js";

/** The data mapper module of one model (`src/generated/mappers/<model>.mapper.ts`), its imports those its functions use. */
export function renderMapper({ mod }: { mod: MapperModule }): string {
  const { view } = mod;
  const from = projectLayout.mapper(view.names.file);
  const functionsCode = [...mod.functions.keys()]
    .sort()
    .map((n) => mod.functions.get(n) ?? "")
    .join("\n\n");
  // The functions are source text from the planner (see planMapper): the namespaces they use are read from it.
  const uses = { prisma: /\bPrisma\./.test(functionsCode), request: /\bReq\./.test(functionsCode), response: /\bRes\./.test(functionsCode) };
  const imports = {
    prisma: uses.prisma ? importLiteral({ from, to: projectLayout.prismaClient }) : undefined,
    repository: importLiteral({ from, to: projectLayout.repository(view.names.file) }),
    request: uses.request ? importLiteral({ from, to: projectLayout.schemaTypes("request") }) : undefined,
    response: uses.response ? importLiteral({ from, to: projectLayout.schemaTypes("response") }) : undefined,
    enums: mod.enumTables.size > 0 ? { names: [...mod.enumTables].sort(), from: importLiteral({ from, to: projectLayout.enumMaps }) } : undefined,
  };
  return renderTemplate({ plugin: "shared", file: "model/mapper.ts.ejs", data: { imports, T: view.names.type, modelName: view.model.name, functionsCode } });
}
