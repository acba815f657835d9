import type { Project, SourceFile } from "ts-morph";

/** A top-level name a user's TypeScript file declares or exports, with where it is (1-based line and column). */
export interface UserDeclaration {
  name: string;
  line: number;
  column: number;
  /** Offset just after the statement that declares it (before any trailing comment or newline). */
  end: number;
}

export type InspectUserFileResult =
  | { ok: true; sourceFile: SourceFile; declarations: Map<string, UserDeclaration> }
  | { ok: false; message: string; line: number; column: number };

let tsMorph: Promise<typeof import("ts-morph")> | undefined;

/** ts-morph (and the TypeScript compiler inside it) is loaded only when a user file has to be read. */
export function loadTsMorph(): Promise<typeof import("ts-morph")> {
  tsMorph ??= import("ts-morph");
  return tsMorph;
}

export async function createUserFileProject(): Promise<Project> {
  const { Project, ts } = await loadTsMorph();
  return new Project({
    useInMemoryFileSystem: true,
    compilerOptions: { allowJs: true, noLib: true, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.Preserve },
  });
}

/**
 * Parses a user's scaffold file and lists its top-level declarations (functions, classes, variables, types, enums,
 * namespaces, and names in `export { .. }` lists). A file with syntax errors is reported with the first error's place.
 */
export async function inspectUserFile({ project, path, text }: { project: Project; path: string; text: string }): Promise<InspectUserFileResult> {
  const { Node, ts } = await loadTsMorph();
  const existing = project.getSourceFile(path);
  if (existing) project.removeSourceFile(existing);
  const sourceFile = project.createSourceFile(path, text, { overwrite: true });
  const syntax = project.getProgram().getSyntacticDiagnostics(sourceFile);
  const first = syntax[0];
  if (first) {
    const start = first.getStart() ?? 0;
    const { line, column } = sourceFile.getLineAndColumnAtPos(start);
    return { ok: false, message: ts.flattenDiagnosticMessageText(first.compilerObject.messageText, "\n"), line, column };
  }
  const declarations = new Map<string, UserDeclaration>();
  const add = ({ name, at, end }: { name: string; at: number; end: number }) => {
    if (declarations.has(name)) return;
    const { line, column } = sourceFile.getLineAndColumnAtPos(at);
    declarations.set(name, { name, line, column, end });
  };
  for (const statement of sourceFile.getStatements()) {
    const end = statement.getEnd();
    if (
      Node.isFunctionDeclaration(statement) ||
      Node.isClassDeclaration(statement) ||
      Node.isInterfaceDeclaration(statement) ||
      Node.isTypeAliasDeclaration(statement) ||
      Node.isEnumDeclaration(statement) ||
      Node.isModuleDeclaration(statement)
    ) {
      const nameNode = statement.getNameNode();
      if (nameNode) add({ name: nameNode.getText(), at: nameNode.getStart(), end });
    } else if (Node.isVariableStatement(statement)) {
      for (const declaration of statement.getDeclarations()) {
        const nameNode = declaration.getNameNode();
        if (Node.isIdentifier(nameNode)) add({ name: nameNode.getText(), at: nameNode.getStart(), end });
      }
    } else if (Node.isExportDeclaration(statement)) {
      for (const specifier of statement.getNamedExports()) {
        const nameNode = specifier.getAliasNode() ?? specifier.getNameNode();
        add({ name: nameNode.getText(), at: nameNode.getStart(), end });
      }
    }
  }
  return { ok: true, sourceFile, declarations };
}
