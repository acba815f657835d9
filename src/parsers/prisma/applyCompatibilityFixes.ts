import type { OutlineBlock } from "./scanSchemaOutline.js";
import type { PrismaLintMessage, SchemaFileTuple } from "./prismaSchemaWasm.js";

/** One thing Prisma 7 rejected that vx-gen reads anyway, and where it was. */
export type CompatibilityFix =
  | { kind: "datasourceProperty"; property: string; file: string; offset: number }
  | { kind: "previewFeature"; feature: string; file: string; offset: number }
  | { kind: "viewPrimaryKey"; view: string; fields: string[]; name?: string; file: string; offset: number; length: number };

export interface CompatibilityFixResult {
  /** The files with every fixed span blanked or rewritten; offsets and line numbers are unchanged. */
  files: SchemaFileTuple[];
  fixes: CompatibilityFix[];
  /** Errors that are not compatibility matters: real schema errors. */
  errors: PrismaLintMessage[];
}

const DATASOURCE_PROPERTY = /The datasource property `(\w+)` is no longer supported/;
const UNKNOWN_PREVIEW_FEATURE = /The preview feature "(\w+)" is not known/;
const VIEW_PRIMARY_KEY = /Views cannot have primary keys/;
/** A schema text being edited; offsets are string indices (UTF-16 code units), as Prisma reports them. */
class EditableText {
  private chars: string[];
  constructor(text: string) {
    this.chars = text.split("");
  }
  get length(): number {
    return this.chars.length;
  }
  at(index: number): string {
    return this.chars[index] ?? "";
  }
  slice(start: number, end: number): string {
    return this.chars.slice(start, end).join("");
  }
  indexOf(search: string, from: number): number {
    return this.toString().indexOf(search, from);
  }
  /** Blanks `[start, end)` with spaces; line breaks in the span are kept. */
  blank({ start, end }: { start: number; end: number }): void {
    for (let i = start; i < end && i < this.chars.length; i++) {
      const c = this.chars[i];
      if (c !== "\n" && c !== "\r") this.chars[i] = " ";
    }
  }
  toString(): string {
    return this.chars.join("");
  }
}

/** End (exclusive) of a parenthesised argument list starting at `open` (a `(`), strings respected. */
function closingParen({ text, open }: { text: EditableText; open: number }): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const c = text.at(i);
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i + 1;
  }
  return text.length;
}

/**
 * Removes the given features from a `previewFeatures = [...]` array in place: each one's string literal is blanked
 * with the comma after it (or, for the last item, the comma before it); the other items, offsets and lines stay.
 */
function dropPreviewFeatures({
  text,
  start,
  end,
  features,
}: {
  text: EditableText;
  start: number;
  end: number;
  features: Set<string>;
}): void {
  const isSpace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r";
  for (const literal of text.slice(start, end).matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    if (!features.has(literal[1] ?? "")) continue;
    const literalStart = start + literal.index;
    const literalEnd = literalStart + literal[0].length;
    let after = literalEnd;
    while (after < end && isSpace(text.at(after))) after++;
    if (text.at(after) === ",") {
      text.blank({ start: literalStart, end: after + 1 });
      continue;
    }
    let before = literalStart - 1;
    while (before > start && isSpace(text.at(before))) before--;
    text.blank({ start: text.at(before) === "," ? before : literalStart, end: literalEnd });
  }
}

function lineOfOffset({ text, offset }: { text: EditableText; offset: number }): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.at(i) === "\n") line++;
  return line;
}

/**
 * Makes a Prisma 6 schema readable by Prisma 7's parser without the user editing it, for exactly the errors Prisma
 * reported: datasource `url`/`directUrl`/`shadowDatabaseUrl` lines (connection settings live in prisma.config.ts
 * now) and preview features Prisma 7 no longer knows (generator settings vx-gen does not use) are blanked; a view's
 * `@id`/`@@id` (accepted by Prisma up to 6.3) is blanked and kept as the view's primary key. Every other error is
 * returned untouched. Replacements keep offsets and lines, so positions in later errors stay true.
 */
export function applyCompatibilityFixes({
  files,
  errors,
  outline,
}: {
  files: readonly SchemaFileTuple[];
  errors: readonly PrismaLintMessage[];
  outline: readonly OutlineBlock[];
}): CompatibilityFixResult {
  const texts = new Map<string, EditableText>(files.map(([file, text]) => [file, new EditableText(text)]));
  const fixes: CompatibilityFix[] = [];
  const remaining: PrismaLintMessage[] = [];
  const previewSpans = new Map<string, { file: string; start: number; end: number; features: Set<string> }>();

  for (const error of errors) {
    const text = texts.get(error.file_name);
    const property = DATASOURCE_PROPERTY.exec(error.text);
    const feature = UNKNOWN_PREVIEW_FEATURE.exec(error.text);
    if (!text || error.is_warning) {
      remaining.push(error);
    } else if (property) {
      text.blank({ start: error.start, end: error.end });
      fixes.push({
        kind: "datasourceProperty",
        property: property[1] ?? "",
        file: error.file_name,
        offset: error.start,
      });
    } else if (feature && text.at(error.start) === "[") {
      const key = `${error.file_name}\u0000${error.start}`;
      const span = previewSpans.get(key) ?? {
        file: error.file_name,
        start: error.start,
        end: error.end,
        features: new Set<string>(),
      };
      span.features.add(feature[1] ?? "");
      previewSpans.set(key, span);
      fixes.push({ kind: "previewFeature", feature: feature[1] ?? "", file: error.file_name, offset: error.start });
    } else if (VIEW_PRIMARY_KEY.test(error.text)) {
      const fix = dropViewPrimaryKey({ text, error, outline });
      if (fix) fixes.push(fix);
      else remaining.push(error);
    } else {
      remaining.push(error);
    }
  }
  for (const span of previewSpans.values()) {
    const text = texts.get(span.file);
    if (text) dropPreviewFeatures({ text, start: span.start, end: span.end, features: span.features });
  }
  return {
    files: files.map(([file, text]) => [file, texts.get(file)?.toString() ?? text]),
    fixes,
    errors: remaining,
  };
}

function dropViewPrimaryKey({
  text,
  error,
  outline,
}: {
  text: EditableText;
  error: PrismaLintMessage;
  outline: readonly OutlineBlock[];
}): CompatibilityFix | undefined {
  const line = lineOfOffset({ text, offset: error.start });
  const view = outline.find(
    (b) => b.kind === "view" && b.file === error.file_name && b.line <= line && line <= b.endLine,
  );
  if (!view) return undefined;
  const at = text.indexOf("@", error.start);
  if (at < 0 || at > error.end) return undefined;
  const isBlockAttribute = text.slice(at, at + 4) === "@@id";
  const keywordEnd = at + (isBlockAttribute ? 4 : 3);
  let end = keywordEnd;
  while (text.at(end) === " ") end++;
  const hasArguments = text.at(end) === "(";
  end = hasArguments ? closingParen({ text, open: end }) : keywordEnd;
  const argumentsText = hasArguments ? text.slice(keywordEnd, end) : "";
  const name = /\bname\s*:\s*"([^"]*)"/.exec(argumentsText)?.[1];
  let fields: string[];
  if (isBlockAttribute) {
    const list = /\[([^\]]*)\]/.exec(argumentsText)?.[1] ?? "";
    fields = list
      .split(",")
      .map((part) => /[A-Za-z_]\w*/.exec(part)?.[0] ?? "")
      .filter((field) => field !== "");
  } else {
    const member = view.members.find((m) => m.line === line);
    if (!member) return undefined;
    fields = [member.name];
  }
  text.blank({ start: at, end });
  return {
    kind: "viewPrimaryKey",
    view: view.name,
    fields,
    ...(name ? { name } : {}),
    file: error.file_name,
    offset: at,
    length: end - at,
  };
}
