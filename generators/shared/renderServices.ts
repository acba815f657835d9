import type { ModelView } from "./modelView.js";
import type { CallerInView } from "./renderRepository.js";
import { compoundKeyCodes, keysUseEnums, keyViews, ownedKeys } from "./renderRepository.js";
import { importLiteral, projectLayout } from "./projectLayout.js";
import { renderTemplate } from "./renderTemplate.js";
import { propertyAccess } from "../../src/emit/propertyAccess.js";
import { tsString } from "../../src/emit/tsString.js";

/** What `model/serviceBase.ts.ejs` prints. */
export function serviceBaseView({ view, callerIn }: { view: ModelView; callerIn?: CallerInView | undefined }) {
  const { model, names } = view;
  const from = projectLayout.serviceBase(names.file);
  return {
    imports: {
      prismaClient: importLiteral({ from, to: projectLayout.prismaClient }),
      repository: importLiteral({ from, to: projectLayout.repository(names.file) }),
      serviceDeps: importLiteral({ from, to: projectLayout.serviceDeps }),
      unitOfWork: importLiteral({ from, to: projectLayout.db("unitOfWork") }),
      errors: importLiteral({ from, to: projectLayout.runtime("errors") }),
      audit: importLiteral({ from, to: projectLayout.runtime("recordAuditEvent") }),
    },
    modelName: model.name,
    T: names.type,
    v: names.variable,
    callerIn,
    usesEnums: keysUseEnums(view),
    scaffoldPath: projectLayout.serviceScaffold(names.file),
    keys: keyViews(view),
    compoundKeys: compoundKeyCodes(view),
    owned: ownedKeys(view).owned,
    notFoundLiteral: tsString(`${model.name} not found`),
    modelNameLiteral: tsString(model.name),
    /** The written record's id as the audit event's `recordId` (its id field as a string; `null` without one). */
    recordIdCode: view.idField ? `String(${propertyAccess({ object: "record", name: view.idField.name })})` : "null",
  };
}

/** The generated base class of a model's service (the generation gap: the user's subclass extends it). */
export function renderServiceBase({ view, callerIn }: { view: ModelView; callerIn?: CallerInView | undefined }): string {
  return renderTemplate({ plugin: "shared", file: "model/serviceBase.ts.ejs", data: serviceBaseView({ view, callerIn }) });
}

/** The user-owned subclass, written once. */
export function renderServiceScaffold({ view }: { view: ModelView }): { content: string; declaration: { name: string; code: string } } {
  const T = view.names.type;
  const code = renderTemplate({ plugin: "shared", file: "model/serviceScaffoldDeclaration.ts.ejs", data: { modelName: view.model.name, T } }).trimEnd();
  const from = projectLayout.serviceScaffold(view.names.file);
  const imports = { serviceBase: importLiteral({ from, to: projectLayout.serviceBase(view.names.file) }) };
  return {
    content: renderTemplate({ plugin: "shared", file: "model/serviceScaffold.ts.ejs", data: { T, imports, declarationCode: code } }),
    declaration: { name: `${T}Service`, code },
  };
}

/** `Services` (one per model), `createServices`, the unit of work and its repositories. */
export function renderServiceIndex({ views, apiKeyTable = false }: { views: ModelView[]; apiKeyTable?: boolean }): { services: string; unitOfWork: string; deps: string } {
  const services = projectLayout.serviceIndex;
  const uow = projectLayout.db("unitOfWork");
  const deps = projectLayout.serviceDeps;
  const prismaClient = projectLayout.prismaClient;
  const models = views.map(({ names }) => ({
    T: names.type,
    v: names.variable,
    serviceImport: importLiteral({ from: services, to: projectLayout.serviceScaffold(names.file) }),
    repositoryImport: importLiteral({ from: uow, to: projectLayout.repository(names.file) }),
  }));
  return {
    services: renderTemplate({
      plugin: "shared",
      file: "model/services.ts.ejs",
      data: {
        models,
        apiKeyTable,
        imports: {
          apiKeyTable: importLiteral({ from: services, to: projectLayout.auth("apiKeyTable") }),
          prismaClient: importLiteral({ from: services, to: prismaClient }),
          unitOfWork: importLiteral({ from: services, to: uow }),
          audit: importLiteral({ from: services, to: projectLayout.runtime("recordAuditEvent") }),
          auditEvents: importLiteral({ from: services, to: projectLayout.runtime("auditEvents") }),
        },
      },
    }),
    unitOfWork: renderTemplate({
      plugin: "shared",
      file: "model/unitOfWork.ts.ejs",
      data: { models, imports: { prismaClient: importLiteral({ from: uow, to: prismaClient }), dbClient: importLiteral({ from: uow, to: projectLayout.db("DbClient") }) } },
    }),
    deps: renderTemplate({
      plugin: "shared",
      file: "model/ServiceDeps.ts.ejs",
      data: { imports: { prismaClient: importLiteral({ from: deps, to: prismaClient }), unitOfWork: importLiteral({ from: deps, to: uow }) } },
    }),
  };
}
