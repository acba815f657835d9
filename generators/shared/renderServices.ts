import type { ModelView } from "./modelView.js";
import { tsString } from "../../src/emit/tsString.js";

/** The generated base class of a model's service (the generation gap: the user's subclass extends it). */
export function renderServiceBase({ view }: { view: ModelView }): string {
  const { model, names } = view;
  const T = names.type;
  const v = names.variable;
  const usesEnums = view.keys.some((k) => k.field.kind === "enum");
  const lines: string[] = [];
  lines.push(`import type { Prisma${usesEnums ? ", $Enums" : ""} } from "../prisma/client.js";`);
  lines.push(`import type { ${T}ListQuery, ${T}Record, ${T}Repository } from "../repositories/${names.file}.repository.js";`);
  lines.push(`import type { ServiceDeps } from "./ServiceDeps.js";`);
  lines.push(`import type { Repositories } from "../db/unitOfWork.js";`);
  lines.push(`import { unitOfWork } from "../db/unitOfWork.js";`);
  lines.push(`import { notFound } from "../runtime/errors.js";`);
  lines.push("");
  lines.push(`/**`);
  lines.push(` * Business operations on ${model.name}, between the handlers and the repository. Generated: do not edit. Override`);
  lines.push(` * methods in the subclass \`${T}Service\` (src/services/${names.file}.service.ts), which is yours.`);
  lines.push(` */`);
  lines.push(`export class ${T}ServiceBase {`);
  lines.push(`  constructor(protected readonly deps: ServiceDeps) {}`);
  lines.push("");
  lines.push(`  protected get repository(): ${T}Repository {`);
  lines.push(`    return this.deps.repositories.${v};`);
  lines.push(`  }`);
  lines.push("");
  lines.push(`  /** Runs \`work\` in one database transaction (unit of work): every repository it uses commits or rolls back together. */`);
  lines.push(`  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {`);
  lines.push(`    return unitOfWork({ prisma: this.deps.prisma, work });`);
  lines.push(`  }`);
  lines.push("");
  lines.push(`  list(query: ${T}ListQuery = {}): Promise<${T}Record[]> {`);
  lines.push(`    return this.repository.list(query);`);
  lines.push(`  }`);
  lines.push("");
  lines.push(`  count(where: Prisma.${model.name}WhereInput = {}): Promise<number> {`);
  lines.push(`    return this.repository.count(where);`);
  lines.push(`  }`);
  lines.push("");
  lines.push(`  create(data: Prisma.${model.name}UncheckedCreateInput): Promise<${T}Record> {`);
  lines.push(`    return this.repository.create(data);`);
  lines.push(`  }`);
  for (const key of view.keys) {
    const name = key.field.name;
    const suffix = key.finder.slice("findBy".length);
    lines.push("");
    lines.push(`  /** The ${model.name} with this ${name}; NOT_FOUND when there is none. */`);
    lines.push(`  async getBy${suffix}(${name}: ${key.tsType}): Promise<${T}Record> {`);
    lines.push(`    const record = await this.repository.${key.finder}(${name});`);
    lines.push(`    if (record === null) throw notFound(${tsString(`${model.name} not found`)});`);
    lines.push(`    return record;`);
    lines.push(`  }`);
    lines.push("");
    lines.push(`  updateBy${suffix}(input: { ${name}: ${key.tsType}; data: Prisma.${model.name}UncheckedUpdateInput }): Promise<${T}Record> {`);
    lines.push(`    return this.repository.updateBy${suffix}(input);`);
    lines.push(`  }`);
    lines.push("");
    lines.push(`  deleteBy${suffix}(${name}: ${key.tsType}): Promise<${T}Record> {`);
    lines.push(`    return this.repository.deleteBy${suffix}(${name});`);
    lines.push(`  }`);
  }
  lines.push(`}`);
  return lines.join("\n") + "\n";
}

/** The user-owned subclass, written once. */
export function renderServiceScaffold({ view }: { view: ModelView }): { content: string; declaration: { name: string; code: string } } {
  const T = view.names.type;
  const code = `/** ${view.model.name}'s service: yours to extend (override methods, add business rules). */\nexport class ${T}Service extends ${T}ServiceBase {}`;
  return {
    content: `import { ${T}ServiceBase } from "../generated/services/${view.names.file}.service.base.js";\n\n${code}\n`,
    declaration: { name: `${T}Service`, code },
  };
}

/** `Services` (one per model), `createServices`, the unit of work and its repositories. */
export function renderServiceIndex({ views }: { views: ModelView[] }): { services: string; unitOfWork: string; deps: string } {
  const services: string[] = [];
  services.push(`import type { PrismaClient } from "../prisma/client.js";`);
  services.push(`import { createRepositories } from "../db/unitOfWork.js";`);
  for (const view of views) services.push(`import { ${view.names.type}Service } from "../../services/${view.names.file}.service.js";`);
  services.push("");
  services.push(`/** Every model's service, as handlers receive them in their context. */`);
  services.push(`export interface Services {`);
  for (const view of views) services.push(`  ${view.names.variable}: ${view.names.type}Service;`);
  services.push(`}`);
  services.push("");
  services.push(`export function createServices(prisma: PrismaClient): Services {`);
  services.push(`  const deps = { prisma, repositories: createRepositories(prisma) };`);
  services.push(`  return {`);
  for (const view of views) services.push(`    ${view.names.variable}: new ${view.names.type}Service(deps),`);
  services.push(`  };`);
  services.push(`}`);

  const uow: string[] = [];
  uow.push(`import type { PrismaClient } from "../prisma/client.js";`);
  uow.push(`import type { DbClient } from "./DbClient.js";`);
  for (const view of views) uow.push(`import { ${view.names.type}Repository } from "../repositories/${view.names.file}.repository.js";`);
  uow.push("");
  uow.push(`/** One repository per model, all on the same client (the application's, or a transaction's). */`);
  uow.push(`export interface Repositories {`);
  for (const view of views) uow.push(`  ${view.names.variable}: ${view.names.type}Repository;`);
  uow.push(`}`);
  uow.push("");
  uow.push(`export function createRepositories(db: DbClient): Repositories {`);
  uow.push(`  return {`);
  for (const view of views) uow.push(`    ${view.names.variable}: new ${view.names.type}Repository(db),`);
  uow.push(`  };`);
  uow.push(`}`);
  uow.push("");
  uow.push(`/** Runs \`work\` in one transaction: it commits when \`work\` resolves and rolls back when it throws. */`);
  uow.push(`export function unitOfWork<T>({ prisma, work }: { prisma: PrismaClient; work: (repositories: Repositories) => Promise<T> }): Promise<T> {`);
  uow.push(`  return prisma.$transaction((tx) => work(createRepositories(tx)));`);
  uow.push(`}`);

  const deps = [
    `import type { PrismaClient } from "../prisma/client.js";`,
    `import type { Repositories } from "../db/unitOfWork.js";`,
    "",
    `/** What every service is built with. */`,
    `export interface ServiceDeps {`,
    `  prisma: PrismaClient;`,
    `  repositories: Repositories;`,
    `}`,
  ];
  return { services: services.join("\n") + "\n", unitOfWork: uow.join("\n") + "\n", deps: deps.join("\n") + "\n" };
}
