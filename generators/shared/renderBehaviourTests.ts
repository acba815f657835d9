import { lineCommentText } from "../../src/emit/lineCommentText.js";
import { tsString } from "../../src/emit/tsString.js";
import type { ModelView } from "./modelView.js";
import { importLiteral, projectLayout } from "./projectLayout.js";
import { renderTemplate } from "./renderTemplate.js";

/**
 * `test/generated/<model>.service.test.ts`: the service layer handlers and your overrides build on: each key finds,
 * updates and deletes its record (NOT_FOUND once deleted), a unit of work rolls back as a whole, list and count agree.
 * Runs the application's own services (`src/services/`), so an override is tested too.
 */
export function renderServiceTests({ view, failingDelete }: { view: ModelView; /** Why deleting this model's records cannot be tested (VX208). */ failingDelete?: string }): string {
  const { names } = view;
  const from = projectLayout.serviceTests(names.file);
  // A nullable unique column (`email String? @unique`) may be null in a factory's row: it cannot address the row.
  const keys = view.keys.filter((key) => key.field.isRequired).map((key) => ({
    name: key.field.name,
    suffix: key.finder.slice("findBy".length),
    titleLiteral: tsString(failingDelete === undefined ? `finds, updates and deletes by ${key.field.name}; NOT_FOUND once deleted` : `finds and updates by ${key.field.name}`),
  }));
  const data = {
    imports: { services: importLiteral({ from, to: projectLayout.serviceIndex }), testApi: importLiteral({ from, to: projectLayout.testApi }) },
    modelName: view.model.name,
    describeLiteral: tsString(`${view.model.name}Service`),
    v: names.variable,
    keys,
    firstKey: keys[0],
    deleteTodoComment: failingDelete === undefined ? undefined : lineCommentText(failingDelete),
  };
  return renderTemplate({ plugin: "shared", file: "test/service.test.ts.ejs", data });
}
