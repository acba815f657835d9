import type { Diagnostic } from "../../ir/types.js";
import { createDiagnostic } from "../../diagnostics/createDiagnostic.js";
import { applyCompatibilityFixes, type CompatibilityFix } from "./applyCompatibilityFixes.js";
import { configOnlySchema } from "./configOnlySchema.js";
import { offsetToPosition } from "./offsetToPosition.js";
import {
  getPrismaDatamodel,
  lintPrismaSchema,
  wasmErrorMessage,
  type DmmfDatamodel,
  type PrismaLintMessage,
  type SchemaFileTuple,
} from "./prismaSchemaWasm.js";
import type { OutlineBlock } from "./scanSchemaOutline.js";

/** Compatibility rounds: Prisma validates in phases, so a fix can reveal the next phase's errors. */
const MAX_ROUNDS = 4;

function schemaErrorDiagnostic({
  message,
  files,
}: {
  message: PrismaLintMessage;
  files: readonly SchemaFileTuple[];
}): Diagnostic {
  const text = files.find(([file]) => file === message.file_name)?.[1];
  const position = text === undefined ? {} : offsetToPosition({ text, offset: message.start });
  return createDiagnostic({
    code: "VX200",
    message: message.text.replace(/^Error validating:\s*/, ""),
    location: { file: message.file_name, ...position },
  });
}

/** When Prisma's structured report is unavailable: one diagnostic per `error: ... --> file:line` in its text. */
function diagnosticsFromErrorText(text: string): Diagnostic[] {
  const found = [...text.matchAll(/error: (.*)\n\s*-->\s+(.*):(\d+)/g)].map((m) =>
    createDiagnostic({ code: "VX200", message: m[1] ?? "", location: { file: m[2] ?? "", line: Number(m[3]) } }),
  );
  return found.length > 0 ? found : [createDiagnostic({ code: "VX200", message: text })];
}

/**
 * Runs Prisma's validator, applying compatibility fixes round by round; the datamodel, or the schema's errors.
 * `checkConfigFirst` (the outline shows datasource URLs or preview features) validates the configuration blocks alone
 * first, which is cheap, so the settings Prisma rejects are known before the one full parse.
 */
export function validateWithPrisma({
  files,
  outline,
  checkConfigFirst,
}: {
  files: SchemaFileTuple[];
  outline: readonly OutlineBlock[];
  checkConfigFirst: boolean;
}): {
  datamodel: DmmfDatamodel | null;
  files: SchemaFileTuple[];
  fixes: CompatibilityFix[];
  errors: Diagnostic[];
} {
  let current = files;
  const fixes: CompatibilityFix[] = [];
  if (checkConfigFirst) {
    const configErrors = lintPrismaSchema({ files: configOnlySchema({ files, outline }) }).filter((m) => !m.is_warning);
    // Only the compatibility fixes are taken here; any other error shows again in the full validation below.
    const fixed = applyCompatibilityFixes({ files: current, errors: configErrors, outline });
    fixes.push(...fixed.fixes);
    current = fixed.files;
  }
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let thrown: unknown;
    try {
      return { datamodel: getPrismaDatamodel({ files: current }), files: current, fixes, errors: [] };
    } catch (error) {
      thrown = error;
    }
    const reported = lintPrismaSchema({ files: current }).filter((m) => !m.is_warning);
    if (reported.length === 0) {
      return { datamodel: null, files: current, fixes, errors: diagnosticsFromErrorText(wasmErrorMessage(thrown)) };
    }
    const fixed = applyCompatibilityFixes({ files: current, errors: reported, outline });
    fixes.push(...fixed.fixes);
    current = fixed.files;
    if (fixed.errors.length > 0 || fixed.fixes.length === 0) {
      return {
        datamodel: null,
        files: current,
        fixes,
        errors: fixed.errors.map((message) => schemaErrorDiagnostic({ message, files: current })),
      };
    }
  }
  return {
    datamodel: null,
    files: current,
    fixes,
    errors: [
      createDiagnostic({ code: "VX200", message: "Prisma kept rejecting the schema after compatibility fixes" }),
    ],
  };
}
