export type OutlineBlockKind = "model" | "view" | "enum" | "type" | "datasource" | "generator";

/** A field line (or an enum value line) inside a block. */
export interface OutlineMember {
  name: string;
  /** 1-based line and column of the name. */
  line: number;
  column: number;
  /** The type as written (`String?`, `Unsupported("circle")[]`); empty for enum values and config properties. */
  typeText: string;
  /** For `key = value` properties (datasource and generator blocks): the value as written. */
  value?: string;
}

/** A top-level block (`model X {`), where it is declared and the members written in it. */
export interface OutlineBlock {
  kind: OutlineBlockKind;
  name: string;
  file: string;
  /** 1-based line and column of the block keyword. */
  line: number;
  column: number;
  /** Line of the closing brace (the last line of the file when it is missing). */
  endLine: number;
  members: OutlineMember[];
}

const HEADER = /^(\s*)(model|view|enum|type|datasource|generator)\s+([A-Za-z_]\w*)\s*\{/;
const MEMBER = /^(\s*)([A-Za-z_]\w*)(?:\s+([^\s@]+))?/;
const TYPE_TEXT = /^([A-Za-z_]\w*(?:\("(?:[^"\\]|\\.)*"\))?(?:\[\])?\??)/;

/** The line without its `//` comment (a `//` inside a string literal is kept), and its brace balance. */
function codeOf(line: string): { code: string; braces: number } {
  let inString = false;
  let braces = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "/" && line[i + 1] === "/") return { code: line.slice(0, i), braces };
    else if (c === "{") braces++;
    else if (c === "}") braces--;
  }
  return { code: line, braces };
}

/**
 * Where each block and each field is declared in one schema file. Prisma's DMMF carries no positions, so the
 * reader pairs this outline with it by name. A plain line scan: block headers at brace depth 0, one member per
 * line inside (block attributes `@@...`, comments and blank lines skipped); comments and strings are respected.
 */
export function scanSchemaOutline({ file, text }: { file: string; text: string }): OutlineBlock[] {
  const blocks: OutlineBlock[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let depth = 0;
  let current: OutlineBlock | undefined;
  for (let index = 0; index < lines.length; index++) {
    const { code, braces } = codeOf(lines[index] ?? "");
    const lineNumber = index + 1;
    if (depth === 0) {
      const header = HEADER.exec(code);
      if (header) {
        current = {
          kind: header[2] as OutlineBlockKind,
          name: header[3] ?? "",
          file,
          line: lineNumber,
          column: (header[1] ?? "").length + 1,
          endLine: lines.length,
          members: [],
        };
        blocks.push(current);
      }
    } else if (depth === 1 && current) {
      const member = MEMBER.exec(code);
      if (member && !code.trimStart().startsWith("@")) {
        const rest = code.slice((member[1] ?? "").length + (member[2] ?? "").length).trimStart();
        const typeText = current.kind === "enum" || rest.startsWith("=") ? "" : (TYPE_TEXT.exec(rest)?.[1] ?? "");
        current.members.push({
          name: member[2] ?? "",
          line: lineNumber,
          column: (member[1] ?? "").length + 1,
          typeText,
          ...(rest.startsWith("=") ? { value: rest.slice(1).trim() } : {}),
        });
      }
    }
    depth = Math.max(0, depth + braces);
    if (depth === 0 && current) {
      current.endLine = lineNumber;
      current = undefined;
    }
  }
  return blocks;
}
