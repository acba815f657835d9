import type { MapperModule } from "./planMapper.js";
import { importLiteral, projectLayout } from "./projectLayout.js";
import { renderTemplate } from "./renderTemplate.js";

/** The data mapper module of one model (`src/generated/mappers/<model>.mapper.ts`), importing what its functions use. */
export function renderMapper({ mod }: { mod: MapperModule }): string {
  const { view } = mod;
  const from = projectLayout.mapper(view.names.file);
  const functions = [...mod.functions.keys()].sort().flatMap((name) => mod.functions.get(name) ?? []);
  // Prisma's input types (and `Prisma.DbNull`, `Prisma.InputJsonValue`) appear only in request mappers.
  const uses = { prisma: functions.some((f) => f.kind === "fromApi"), request: functions.some((f) => f.uses.request), response: functions.some((f) => f.uses.response) };
  const imports = {
    prisma: uses.prisma ? importLiteral({ from, to: projectLayout.prismaClient }) : undefined,
    repository: importLiteral({ from, to: projectLayout.repository(view.names.file) }),
    request: uses.request ? importLiteral({ from, to: projectLayout.schemaTypes("request") }) : undefined,
    response: uses.response ? importLiteral({ from, to: projectLayout.schemaTypes("response") }) : undefined,
    enums: mod.enumTables.size > 0 ? { names: [...mod.enumTables].sort(), from: importLiteral({ from, to: projectLayout.enumMaps }) } : undefined,
  };
  return renderTemplate({ plugin: "shared", file: "model/mapper.ts.ejs", data: { imports, T: view.names.type, modelName: view.model.name, functions } });
}
