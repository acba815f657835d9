import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/runCli.js";

/** langfuse's shape: an item of a dataset keyed by (id, projectId), referring to it by both columns and to its project. */
const schema = [
  'datasource db {\n  provider = "sqlite"\n}',
  "model Project {\n  id       String    @id @default(cuid())\n  name     String\n  datasets Dataset[]\n  items    DatasetItem[]\n}",
  "model Dataset {\n  id        String        @default(cuid())\n  projectId String\n  name      String\n  project   Project       @relation(fields: [projectId], references: [id])\n  items     DatasetItem[]\n  mappings  Mapping[]\n\n  @@id([id, projectId])\n}",
  "model DatasetItem {\n  id        String  @id @default(cuid())\n  projectId String\n  datasetId String\n  input     String\n  project   Project @relation(fields: [projectId], references: [id])\n  dataset   Dataset @relation(fields: [datasetId, projectId], references: [id, projectId])\n}",
  // formbricks' shape: a row under two parents keyed (id, projectId), sharing the projectId column.
  "model Survey {\n  id        String    @default(cuid())\n  projectId String\n  name      String\n  mappings  Mapping[]\n\n  @@id([id, projectId])\n}",
  "model Mapping {\n  id        String  @id @default(cuid())\n  projectId String\n  datasetId String\n  surveyId  String\n  dataset   Dataset @relation(fields: [datasetId, projectId], references: [id, projectId])\n  survey    Survey  @relation(fields: [surveyId, projectId], references: [id, projectId])\n}",
].join("\n\n");

describe("generated API tests: a body referring to a record by a composite foreign key", () => {
  it("takes every column of the key from one record created for it, not one record per column", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vx-composite-"));
    await writeFile(join(dir, "schema.prisma"), schema);
    const generated = runCli({ args: ["generate", "--prisma", join(dir, "schema.prisma"), "--out", join(dir, "out")] });
    expect(generated.code, generated.stderr).toBe(0);
    const test = await readFile(join(dir, "out", "test/generated/dataset-item.test.ts"), "utf8");
    const roundTrip = test.slice(test.indexOf("round trip"), test.indexOf("const created"));
    expect(roundTrip).toMatch(/const dataset1 = await api\.factories\.dataset\(\);\s+const body =/);
    expect(roundTrip).toContain("projectId: dataset1.projectId,");
    expect(roundTrip).toContain("datasetId: dataset1.id,");
    expect(roundTrip).not.toContain("dataset2");
    expect(roundTrip).not.toContain("api.factories.project()");
    // Under two composite keys sharing projectId: the second record is made with the first one's projectId.
    const mapping = await readFile(join(dir, "out", "test/generated/mapping.test.ts"), "utf8");
    const mappingRoundTrip = mapping.slice(mapping.indexOf("round trip"), mapping.indexOf("const created"));
    expect(mappingRoundTrip).toMatch(/const dataset1 = await api\.factories\.dataset\(\);\s+const survey2 = await api\.factories\.survey\(\{ projectId: dataset1\.projectId \}\);/);
    expect(mappingRoundTrip).toContain("projectId: dataset1.projectId,");
    expect(mappingRoundTrip).toContain("surveyId: survey2.id,");
  });

  it("test factories: a row under two composite keys sharing a column creates the second parent with the first one's value of it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vx-composite-"));
    await writeFile(join(dir, "schema.prisma"), schema);
    const generated = runCli({ args: ["generate", "--prisma", join(dir, "schema.prisma"), "--out", join(dir, "out")] });
    expect(generated.code, generated.stderr).toBe(0);
    const factories = await readFile(join(dir, "out", "test/generated/support/factories.ts"), "utf8");
    const flat = (model: string, next: string) => factories.slice(factories.indexOf(`async ${model}(`), factories.indexOf(`async ${next}(`)).replace(/\s+/g, " ");
    const dataset = "(parent0 ??= await factories.dataset({ ...(overrides.datasetId === undefined ? {} : { id: overrides.datasetId }), ...(overrides.projectId === undefined ? {} : { projectId: overrides.projectId }), }))";
    expect(flat("mapping", "project")).toContain(`projectId: overrides.projectId ?? ${dataset}.projectId,`);
    expect(flat("mapping", "project")).toContain(`surveyId: overrides.surveyId ?? (parent1 ??= await factories.survey({ projectId: overrides.projectId ?? ${dataset}.projectId,`);
    // A composite parent is made with the columns of its key the caller sets (a dataset item of the survey's project).
    expect(flat("datasetItem", "mapping")).toContain(`datasetId: overrides.datasetId ?? ${dataset}.id,`);
  });
});
