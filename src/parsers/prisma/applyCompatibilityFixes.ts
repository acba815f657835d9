import type { OutlineBlock } from "./scanSchemaOutline.js";
import type { PrismaLintMessage, SchemaFileTuple } from "./prismaSchemaWasm.js";

/** One thing Prisma 7 rejected that vx-gen reads anyway, and where it was. */
export type CompatibilityFix =
  | { kind: "datasourceProperty"; property: string; file: string; offset: number }
  | { kind: "previewFeature"; feature: string; file: string; offset: number }
  | { kind: "viewPrimaryKey"; view: string; fields: string[]; name?: string; file: string; offset: number };

export interface CompatibilityFixResult {
  /** The files with every fixed span blanked or rewritten; byte offsets and line numbers are unchanged. */
  files: SchemaFileTuple[];
  fixes: CompatibilityFix[];
  /** Errors that are not compatibility matters: real schema errors. */
  errors: PrismaLintMessage[];
}

const DATASOURCE_PROPERTY = /The datasource property `(\w+)` is no longer supported/;
const UNKNOWN_PREVIEW_FEATURE = /The preview feature "(\w+)" is not known/;
const VIEW_PRIMARY_KEY = /Views cannot have primary keys/;
const SPACE = 0x20;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

function blank({ bytes, start, end }: { bytes: Buffer; start: number; end: number }): void {
  for (let i = start; i < end && i < bytes.length; i++) {
    if (bytes[i] !== NEWLINE && bytes[i] !== CARRIAGE_RETURN) bytes[i] = SPACE;
  }
}

/** End (exclusive) of a parenthesised argument list starting at `open` (a `(`), strings respected. */
function closingParen({ bytes, open }: { bytes: Buffer; open: number }): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < bytes.length; i++) {
    const c = String.fromCharCode(bytes[i] ?? 0);
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i + 1;
  }
  return bytes.length;
}

/** Rewrites a `previewFeatures = [...]` array value in place without the given features, padded to its length. */
function dropPreviewFeatures({ bytes, start, end, features }: { bytes: Buffer; start: number; end: number; features: Set<string> }): void {
  const original = bytes.subarray(start, end).toString("utf8");
  const kept = [...original.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? "").filter((name) => !features.has(name));
  const replacement = Buffer.from(`[${kept.map((name) => `"${name}"`).join(",")}]`, "utf8");
  blank({ bytes, start, end });
  if (replacement.length <= end - start) replacement.copy(bytes, start);
}

function lineOfOffset({ bytes, offset }: { bytes: Buffer; offset: number }): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === NEWLINE) line++;
  return line;
}

/**
 * Makes a Prisma 6 schema readable by Prisma 7's parser without the user editing it, for exactly the errors Prisma
 * reported: datasource `url`/`directUrl`/`shadowDatabaseUrl` lines (connection settings live in prisma.config.ts
 * now) and preview features Prisma 7 no longer knows (generator settings vx-gen does not use) are blanked; a view's
 * `@id`/`@@id` (accepted by Prisma up to 6.3) is blanked and kept as the view's primary key. Every other error is
 * returned untouched. Replacements keep byte offsets and lines, so positions in later errors stay true.
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
  const buffers = new Map<string, Buffer>(files.map(([file, text]) => [file, Buffer.from(text, "utf8")]));
  const fixes: CompatibilityFix[] = [];
  const remaining: PrismaLintMessage[] = [];
  const previewSpans = new Map<string, { file: string; start: number; end: number; features: Set<string> }>();

  for (const error of errors) {
    const bytes = buffers.get(error.file_name);
    const property = DATASOURCE_PROPERTY.exec(error.text);
    const feature = UNKNOWN_PREVIEW_FEATURE.exec(error.text);
    if (!bytes || error.is_warning) {
      remaining.push(error);
    } else if (property) {
      blank({ bytes, start: error.start, end: error.end });
      fixes.push({ kind: "datasourceProperty", property: property[1] ?? "", file: error.file_name, offset: error.start });
    } else if (feature && bytes.subarray(error.start, error.start + 1).toString() === "[") {
      const key = `${error.file_name}\u0000${error.start}`;
      const span = previewSpans.get(key) ?? { file: error.file_name, start: error.start, end: error.end, features: new Set<string>() };
      span.features.add(feature[1] ?? "");
      previewSpans.set(key, span);
      fixes.push({ kind: "previewFeature", feature: feature[1] ?? "", file: error.file_name, offset: error.start });
    } else if (VIEW_PRIMARY_KEY.test(error.text)) {
      const fix = dropViewPrimaryKey({ bytes, error, outline });
      if (fix) fixes.push(fix);
      else remaining.push(error);
    } else {
      remaining.push(error);
    }
  }
  for (const span of previewSpans.values()) {
    const bytes = buffers.get(span.file);
    if (bytes) dropPreviewFeatures({ bytes, start: span.start, end: span.end, features: span.features });
  }
  return {
    files: files.map(([file, text]) => [file, buffers.get(file)?.toString("utf8") ?? text]),
    fixes,
    errors: remaining,
  };
}

function dropViewPrimaryKey({
  bytes,
  error,
  outline,
}: {
  bytes: Buffer;
  error: PrismaLintMessage;
  outline: readonly OutlineBlock[];
}): CompatibilityFix | undefined {
  const line = lineOfOffset({ bytes, offset: error.start });
  const view = outline.find((b) => b.kind === "view" && b.file === error.file_name && b.line <= line && line <= b.endLine);
  if (!view) return undefined;
  const at = bytes.indexOf("@", error.start);
  if (at < 0 || at > error.end) return undefined;
  const isBlockAttribute = bytes.subarray(at, at + 4).toString() === "@@id";
  const keywordEnd = at + (isBlockAttribute ? 4 : 3);
  let end = keywordEnd;
  while (bytes[end] === SPACE) end++;
  const hasArguments = bytes[end] === "(".charCodeAt(0);
  end = hasArguments ? closingParen({ bytes, open: end }) : keywordEnd;
  const argumentsText = hasArguments ? bytes.subarray(keywordEnd, end).toString("utf8") : "";
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
  blank({ bytes, start: at, end });
  return { kind: "viewPrimaryKey", view: view.name, fields, ...(name ? { name } : {}), file: error.file_name, offset: at };
}
