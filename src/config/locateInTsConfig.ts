import type { ts as Ts } from "ts-morph";
import type { ConfigLocator } from "./ConfigLocator.js";

/**
 * A locator for a `vx.config.ts`: follows the path through the object literal of its default export (also through
 * `defineConfig({...})`, `satisfies`, `as`, parentheses, or a `const` the default export names).
 */
export function locateInTsConfig({ ts, file, text }: { ts: typeof Ts; file: string; text: string }): ConfigLocator {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const at = (node: Ts.Node) => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    return { line: line + 1, column: character + 1 };
  };
  const constants = new Map<string, Ts.Expression>();
  let root: Ts.Node | undefined;
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) constants.set(d.name.text, d.initializer);
    } else if (ts.isExportAssignment(statement)) {
      root = statement.expression;
    }
  }
  const unwrap = (node: Ts.Node): Ts.Node => {
    for (let depth = 0; depth < 10; depth++) {
      if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
      else if (ts.isCallExpression(node) && node.arguments[0]) node = node.arguments[0];
      else if (ts.isIdentifier(node) && constants.has(node.text)) node = constants.get(node.text) ?? node;
      else break;
    }
    return node;
  };
  return (path) => {
    if (!root) return undefined;
    let node = unwrap(root);
    let found: Ts.Node = node;
    for (const segment of path) {
      if (ts.isObjectLiteralExpression(node)) {
        const property = node.properties.find((p) => {
          const name = p.name;
          return name !== undefined && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) && name.text === String(segment);
        });
        if (!property) break;
        found = property;
        if (ts.isPropertyAssignment(property)) node = unwrap(property.initializer);
        else break;
      } else if (ts.isArrayLiteralExpression(node) && typeof segment === "number") {
        const element = node.elements[segment];
        if (!element) break;
        found = element;
        node = unwrap(element);
      } else {
        break;
      }
    }
    return at(found);
  };
}
