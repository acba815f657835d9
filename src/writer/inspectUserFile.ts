import type { Project } from "ts-morph";
import { hashContent } from "./hashContent.js";

/** A top-level name a user's TypeScript file declares or exports, with where it is (1-based line and column). */
export interface UserDeclaration {
  name: string;
  line: number;
  column: number;
  /** Offset just after the statement that declares it (before any trailing comment or newline). */
  end: number;
}

export type InspectUserFileResult =
  | { ok: true; declarations: Map<string, UserDeclaration> }
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
  const key = `${path}\0${hashContent(text)}`;
  const cached = inspected.get(key);
  if (cached) return cached;
  const result = await parseUserFile({ project, path, text });
  if (inspected.size >= MAX_CACHED) inspected.delete(inspected.keys().next().value ?? "");
  inspected.set(key, result);
  return result;
}

/** Results by path and content hash: `watch` re-reads the same user files on every run; unchanged ones are not re-parsed. */
const inspected = new Map<string, InspectUserFileResult>();
const MAX_CACHED = 10_000;

async function parseUserFile({ project, path, text }: { project: Project; path: string; text: string }): Promise<InspectUserFileResult> {
  const { Node, ts } = await loadTsMorph();
  const existing = project.getSourceFile(path);
  if (existing) project.removeSourceFile(existing);
  const sourceFile = project.createSourceFile(path, text, { overwrite: true });
  try {
    // The project only ever holds the file being read, so each program built here is one file (no quadratic cost).
    const syntax = project.getProgram().getSyntacticDiagnostics(sourceFile);
    const first = syntax[0];
    if (first) {
      const start = first.getStart() ?? 0;
      const { line, column } = sourceFile.getLineAndColumnAtPos(start);
      return { ok: false, message: ts.flattenDiagnosticMessageText(first.compilerObject.messageText, "\n"), line, column };
    }
    return { ok: true, declarations: listDeclarations({ Node, sourceFile }) };
  } finally {
    project.removeSourceFile(sourceFile);
  }
}

function listDeclarations({ Node, sourceFile }: { Node: typeof import("ts-morph").Node; sourceFile: import("ts-morph").SourceFile }): Map<string, UserDeclaration> {
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
  return declarations;
}
