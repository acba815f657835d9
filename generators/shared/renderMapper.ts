import type { MapperModule } from "./planMapper.js";

/** The data mapper module of one model (`src/generated/mappers/<model>.mapper.ts`). */
export function renderMapper({ mod }: { mod: MapperModule }): string {
  const { view } = mod;
  const names = [...mod.functions.keys()].sort();
  const body = names.map((n) => mod.functions.get(n) ?? "").join("\n\n");
  const lines: string[] = [];
  if (/\bPrisma\./.test(body)) lines.push(`import { Prisma } from "../prisma/client.js";`);
  lines.push(`import type { ${view.names.type}Record } from "../repositories/${view.names.file}.repository.js";`);
  if (/\bReq\./.test(body)) lines.push(`import type * as Req from "../types/schemas.request.js";`);
  if (/\bRes\./.test(body)) lines.push(`import type * as Res from "../types/schemas.response.js";`);
  if (mod.enumTables.size > 0) lines.push(`import { ${[...mod.enumTables].sort().join(", ")} } from "./enums.js";`);
  lines.push("");
  lines.push(`// Between ${view.model.name} rows and the API's shapes: Decimal, BigInt, DateTime, Json, enums and renamed fields`);
  lines.push(`// are converted here, and only documented properties are produced.`);
  lines.push("");
  lines.push(body);
  return lines.join("\n") + "\n";
}
