import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../cli/runCli.js";
import { emulatedDeleteFailures } from "../../../src/parsers/prisma/emulatedDeleteFailures.js";
import { readSchemaText, readValidSchema } from "./readSchemaText.js";

/**
 * dub's shape (../shared/corpus/prisma/dub), cut down: a Program's enrollments cascade with it, and a Link refers to an
 * enrollment by (programId, partnerId). Measured on MariaDB with Prisma 7.10: deleting a Program fails ("The column
 * `ProgramEnrollment.partnerId` does not exist in the current database") with `onDelete: Cascade` and with the
 * optional relation's default (SetNull) on Link, and succeeds when only a required relation (Restrict) refers to it.
 */
function schema({ relationMode = "prisma", linkAction = "" }: { relationMode?: string; linkAction?: string }): string {
  return `datasource db {
  provider     = "mysql"
  relationMode = "${relationMode}"
}

model Program {
  id          String              @id
  enrollments ProgramEnrollment[]
  leads       Lead[]
  links       Link[]
}

model Partner {
  id          String              @id
  enrollments ProgramEnrollment[]
  leads       Lead[]
}

model ProgramEnrollment {
  id        String  @id
  programId String
  partnerId String
  program   Program @relation(fields: [programId], references: [id], onDelete: Cascade)
  partner   Partner @relation(fields: [partnerId], references: [id], onDelete: Cascade)
  leads     Lead[]
  links     Link[]

  @@unique([partnerId, programId])
  @@index([programId])
}

model Lead {
  id         String            @id
  programId  String
  partnerId  String
  program    Program           @relation(fields: [programId], references: [id])
  partner    Partner           @relation(fields: [partnerId], references: [id])
  enrollment ProgramEnrollment @relation(fields: [programId, partnerId], references: [programId, partnerId])

  @@index([programId, partnerId])
  @@index([partnerId])
}

model Link {
  id                String             @id
  programId         String?
  partnerId         String?
  program           Program?           @relation(fields: [programId], references: [id])
  programEnrollment ProgramEnrollment? @relation(fields: [programId, partnerId], references: [programId, partnerId]${linkAction})

  @@index([programId, partnerId])
}
`;
}

describe("emulatedDeleteFailures: deletes Prisma's emulated referential actions cannot run", () => {
  it("finds both parents whose cascade reaches rows a composite key refers to (Cascade, and an optional relation's SetNull)", async () => {
    for (const linkAction of [", onDelete: Cascade", ""]) {
      const db = await readValidSchema({ text: schema({ linkAction }) });
      expect(emulatedDeleteFailures(db)).toEqual([
        { model: "Partner", cascadesTo: "ProgramEnrollment", referrer: "Link", relation: "programEnrollment", missing: ["programId"] },
        { model: "Program", cascadesTo: "ProgramEnrollment", referrer: "Link", relation: "programEnrollment", missing: ["partnerId"] },
      ]);
    }
  });

  it("reports nothing when only a Restrict relation refers to the rows, or the database runs the actions (foreignKeys)", async () => {
    expect(emulatedDeleteFailures(await readValidSchema({ text: schema({ linkAction: ", onDelete: Restrict" }) }))).toEqual([]);
    expect(emulatedDeleteFailures(await readValidSchema({ text: schema({ relationMode: "foreignKeys", linkAction: ", onDelete: Cascade" }) }))).toEqual([]);
  });

  it("warns with VX208 at the composite relation, once per model whose delete fails", async () => {
    const text = schema({ linkAction: ", onDelete: Cascade" });
    const { diagnostics, file } = await readSchemaText({ text });
    const line = text.split("\n").findIndex((l) => l.includes("programEnrollment ProgramEnrollment?")) + 1;
    const vx208 = diagnostics.filter((d) => d.code === "VX208");
    expect(vx208.map((d) => [d.severity, d.location?.file, d.location?.line])).toEqual([
      ["warning", file, line],
      ["warning", file, line],
    ]);
    expect(vx208[1]?.message).toContain("deleting a Program (it cascades to ProgramEnrollment) fails with relationMode = \"prisma\"");
    expect(vx208[1]?.message).toContain("The column `ProgramEnrollment.partnerId` does not exist");
  });

  it("the generated tests leave such a delete todo, with why, and send no DELETE for it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vx-emulated-delete-"));
    await writeFile(join(dir, "schema.prisma"), schema({ linkAction: ", onDelete: Cascade" }));
    const generated = runCli({ args: ["generate", "--prisma", join(dir, "schema.prisma"), "--out", join(dir, "out")] });
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stderr).toContain("VX208");
    const program = await readFile(join(dir, "out", "test/generated/program.test.ts"), "utf8");
    expect(program).toContain('// not tested: deleting a Program fails with relationMode = "prisma" (VX208: Prisma\'s emulated actions, Link.programEnrollment)');
    expect(program).toContain('it.todo("deleteProgram: deletes the record");');
    expect(program).not.toContain('method: "DELETE"');
    const service = await readFile(join(dir, "out", "test/generated/program.service.test.ts"), "utf8");
    expect(service).toContain('it("finds and updates by id"');
    expect(service).toContain('it.todo("deletes a record; rolls a unit of work back as a whole");');
    expect(service).not.toContain("deleteById");
    // A model whose delete runs keeps its delete tests.
    expect(await readFile(join(dir, "out", "test/generated/link.test.ts"), "utf8")).toContain('method: "DELETE"');
  });
});
