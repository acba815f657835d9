import { readdir, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import type { Diagnostic } from "../../ir/types.js";
import { createDiagnostic } from "../../diagnostics/createDiagnostic.js";
import { readTextFile } from "../../util/readTextFile.js";

export interface PrismaSchemaFile {
  /** Path as shown to the user: `path` itself, or `path` joined with the file's place inside the folder. */
  file: string;
  text: string;
}

export interface CollectPrismaFilesResult {
  /** Sorted by file. Empty when nothing could be read. */
  files: PrismaSchemaFile[];
  diagnostics: Diagnostic[];
}

const SKIPPED_DIRECTORIES = new Set(["node_modules"]);

function isSkipped(relativePath: string): boolean {
  return relativePath.split(sep).some((part) => part.startsWith(".") || SKIPPED_DIRECTORIES.has(part));
}

/**
 * The schema files at `path`: that one file, or every `.prisma` file below that folder (recursively, as Prisma's
 * multi-file schemas; hidden folders and node_modules are skipped). Each failure becomes a diagnostic; never throws.
 */
export async function collectPrismaFiles({ path }: { path: string }): Promise<CollectPrismaFilesResult> {
  const diagnostics: Diagnostic[] = [];
  let isDirectory = false;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch {
    // readTextFile reports the missing or unreadable path below
  }
  if (!isDirectory) {
    const read = await readTextFile({ file: path, label: "Prisma schema" });
    if (!read.ok) return { files: [], diagnostics: [read.diagnostic] };
    return { files: [{ file: path, text: read.text }], diagnostics };
  }

  let entries: string[];
  try {
    entries = await readdir(path, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    return {
      files: [],
      diagnostics: [
        createDiagnostic({
          code: "VX005",
          message: `Prisma schema folder cannot be read (${code})`,
          location: { file: path },
        }),
      ],
    };
  }
  const names = entries.filter((entry) => entry.endsWith(".prisma") && !isSkipped(entry)).sort();
  const files: PrismaSchemaFile[] = [];
  for (const name of names) {
    const file = join(path, name);
    if ((await stat(file).catch(() => null))?.isDirectory()) continue;
    const read = await readTextFile({ file, label: "Prisma schema" });
    if (read.ok) files.push({ file, text: read.text });
    else if (read.diagnostic.code === "VX004") {
      // An empty file in a multi-file schema adds nothing; say so, but it does not stop the others being read.
      diagnostics.push({ ...read.diagnostic, severity: "warning" });
    } else diagnostics.push(read.diagnostic);
  }
  if (files.length === 0 && !diagnostics.some((d) => d.severity === "error")) {
    diagnostics.push(
      createDiagnostic({
        code: "VX201",
        message:
          names.length === 0
            ? "no .prisma files in the Prisma schema folder"
            : "every .prisma file in the Prisma schema folder is empty",
        location: { file: path },
        help: "point to a schema.prisma file or to the folder that holds your .prisma files",
      }),
    );
  }
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, diagnostics };
}
