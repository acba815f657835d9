import type { Diagnostic } from "../../ir/types.js";
import { createDiagnostic } from "../../diagnostics/createDiagnostic.js";
import type { CompatibilityFix } from "./applyCompatibilityFixes.js";
import { offsetToPosition } from "./offsetToPosition.js";
import type { SchemaFileTuple } from "./prismaSchemaWasm.js";

/** VX203 once for all Prisma 6 settings read in compatibility mode (at the first), VX204 per view key. */
export function compatibilityDiagnostics({
  fixes,
  files,
}: {
  fixes: readonly CompatibilityFix[];
  files: readonly SchemaFileTuple[];
}): Diagnostic[] {
  const locate = (fix: CompatibilityFix) => {
    const text = files.find(([file]) => file === fix.file)?.[1] ?? "";
    return { file: fix.file, ...offsetToPosition({ text, offset: fix.offset }) };
  };
  const diagnostics: Diagnostic[] = [];
  const settings = fixes
    .filter((f) => f.kind === "datasourceProperty" || f.kind === "previewFeature")
    .sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.offset - b.offset));
  const firstSetting = settings[0];
  if (firstSetting) {
    const names = [
      ...new Set(
        settings.map((f) =>
          f.kind === "datasourceProperty"
            ? `datasource \`${f.property}\``
            : `preview feature "${f.kind === "previewFeature" ? f.feature : ""}"`,
        ),
      ),
    ];
    diagnostics.push(
      createDiagnostic({
        code: "VX203",
        message: `Prisma 7 no longer accepts ${names.join(", ")}; vx-gen ignored ${settings.length === 1 ? "it" : "them"} and read the rest of the schema`,
        location: locate(firstSetting),
        help: "Prisma 7 takes connection URLs from prisma.config.ts; remove these settings from the schema to silence this warning",
      }),
    );
  }
  for (const fix of fixes) {
    if (fix.kind !== "viewPrimaryKey") continue;
    diagnostics.push(
      createDiagnostic({
        code: "VX204",
        message: `view ${fix.view} declares a primary key (${fix.fields.join(", ")}), which Prisma 7 rejects; vx-gen keeps it as the view's key`,
        location: locate(fix),
        help: "Prisma up to 6.3 accepted @id/@@id on views, newer versions reject it; use @unique or @@unique instead",
      }),
    );
  }
  return diagnostics;
}
