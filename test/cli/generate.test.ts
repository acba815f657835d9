import { mkdtemp, readFile, writeFile, access } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runGenerate } from "../../src/cli/commands/generate.js";
import { generateProject } from "../../src/pipeline/generateProject.js";
import type { GenerationJob } from "../../src/config/GenerationJob.js";
import { snapshotFolder } from "../writer/outputFolder.js";
import { fakeSteps, fakeTarget } from "./generateFakeTarget.js";
import { petSpec, prismaSchema, shuffleKeys, v1, type SpecShape } from "./generateSpecs.js";

function captureIo() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

async function project(): Promise<{ dir: string; spec: string; prisma: string; out: string; job: GenerationJob }> {
  const dir = await mkdtemp(join(tmpdir(), "vx-generate-"));
  const spec = join(dir, "api.json");
  const prisma = join(dir, "schema.prisma");
  const out = join(dir, "server");
  return { dir, spec, prisma, out, job: { name: "default", openapi: spec, prisma, target: "fake", out, allowRemoteRefs: false, options: {} } };
}

const writeSpec = (file: string, shape: SpecShape) => writeFile(file, `${JSON.stringify(petSpec(shape), null, 2)}\n`);
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe("vx-gen generate", () => {
  it("regenerates after adding, renaming and removing operations and models, keeping user edits byte for byte", async () => {
    const { spec, prisma, out, job } = await project();
    await writeSpec(spec, v1);
    await writeFile(prisma, prismaSchema({ Pet: ["name"], Toy: ["label"] }));
    const first = await generateProject({ job, steps: fakeSteps });
    expect(first.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const files = [...(await snapshotFolder(out)).keys()];
    expect(files).toContain("src/generated/operations/get-pet.ts");
    expect(files).toContain("src/services/toy.service.ts");

    // The user implements handlers, edits a test stub and a service, and adds a file of their own.
    const handlersFile = join(out, "src/handlers.ts");
    const userHandlers = [
      'import { db } from "./db.js";',
      "",
      "export async function listPets() {",
      "  return db.pet.findMany( );   // odd spacing kept",
      "}",
      "",
      "export async function getPet(request: { petId: number }) {",
      "  return db.pet.findUnique({ where: { id: request.petId } });",
      "}",
      "",
    ].join("\n");
    await writeFile(handlersFile, userHandlers);
    await writeFile(join(out, "test/list-pets.test.ts"), 'import { it } from "vitest";\n\nit("lists", () => {});\n');
    await writeFile(join(out, "src/services/pet.service.ts"), "export class PetService { custom = 1; }\n");
    await writeFile(join(out, "src/db.ts"), "export const db = {} as never;\n");

    // v2: createPet added, getPet renamed to fetchPet, model Toy removed, Owner added.
    await writeSpec(spec, {
      operations: [
        { id: "listPets", method: "get", path: "/pets" },
        { id: "createPet", method: "post", path: "/pets" },
        { id: "fetchPet", method: "get", path: "/pets/{petId}", param: "petId" },
      ],
      schemas: v1.schemas,
    });
    await writeFile(prisma, prismaSchema({ Pet: ["name"], Owner: ["email"] }));
    const second = await generateProject({ job, steps: fakeSteps });
    const codes = second.diagnostics.filter((d) => d.code.startsWith("VX5")).map((d) => `${d.code} ${d.location?.line ?? ""}`);
    expect(codes).toEqual(["VX508 ", "VX502 7"]);
    const merged = await readFile(handlersFile, "utf8");
    // Every byte of the user's file is still there, in order; the new handlers went in right after the last handler
    // still generated (listPets; getPet was renamed away).
    const insertedAt = merged.indexOf("\n\nexport async function createPet");
    expect(insertedAt).toBe(userHandlers.indexOf("}\n", userHandlers.indexOf("listPets")) + 1);
    const inserted = merged.slice(insertedAt, merged.length - (userHandlers.length - insertedAt));
    expect(merged.slice(0, insertedAt) + merged.slice(insertedAt + inserted.length)).toBe(userHandlers);
    expect(inserted).toContain("fetchPet");
    const after = await snapshotFolder(out);
    expect(after.has("src/generated/operations/get-pet.ts")).toBe(false);
    expect(after.has("src/generated/operations/fetch-pet.ts")).toBe(true);
    expect(after.has("test/get-pet.test.ts")).toBe(false); // untouched stub of a renamed operation: vx-gen's, deleted
    expect(after.get("test/list-pets.test.ts")?.content).toContain('it("lists"');
    expect(after.get("src/services/pet.service.ts")?.content).toBe("export class PetService { custom = 1; }\n");
    expect(after.has("src/services/toy.service.ts")).toBe(false);
    expect(after.has("src/generated/models/toy.ts")).toBe(false);
    expect(after.has("src/generated/models/owner.ts")).toBe(true);
    expect(after.get("src/db.ts")?.content).toBe("export const db = {} as never;\n");

    // v3: listPets removed: its generated file goes, the user's handler and edited test stay and are reported.
    await writeSpec(spec, { operations: [{ id: "createPet", method: "post", path: "/pets" }, { id: "fetchPet", method: "get", path: "/pets/{petId}", param: "petId" }], schemas: v1.schemas });
    const third = await generateProject({ job, steps: fakeSteps });
    expect(third.diagnostics.filter((d) => d.code.startsWith("VX5")).map((d) => `${d.code} ${d.location?.file.split("/").slice(-2).join("/")}:${d.location?.line ?? ""}`)).toEqual([
      "VX502 src/handlers.ts:3",
      "VX504 test/list-pets.test.ts:",
    ]);
    expect(await readFile(handlersFile, "utf8")).toBe(merged);
    expect(await exists(join(out, "src/generated/operations/list-pets.ts"))).toBe(false);
    expect(await exists(join(out, "test/list-pets.test.ts"))).toBe(true);
  });

  it("produces byte-identical output whatever the key order of the spec", async () => {
    const a = await project();
    const b = await project();
    const shape: SpecShape = {
      operations: [
        { id: "listPets", method: "get", path: "/pets" },
        { id: "createPet", method: "post", path: "/pets" },
        { id: "getPet", method: "get", path: "/pets/{petId}", param: "petId" },
        { id: "deletePet", method: "delete", path: "/pets/{petId}", param: "petId" },
      ],
      schemas: { Pet: { id: "integer", name: "string", tag: "string" }, Error: { code: "integer", message: "string" } },
    };
    await writeFile(a.spec, JSON.stringify(petSpec(shape), null, 2));
    await writeFile(b.spec, JSON.stringify(shuffleKeys(petSpec(shape)), null, 2));
    expect(await readFile(a.spec, "utf8")).not.toBe(await readFile(b.spec, "utf8"));
    for (const p of [a, b]) {
      const job = { ...p.job, openapi: "api.json", out: "server" };
      delete job.prisma;
      const cwd = process.cwd();
      process.chdir(p.dir);
      try {
        await generateProject({ job, steps: fakeSteps });
      } finally {
        process.chdir(cwd);
      }
    }
    const contents = async (dir: string) => new Map([...(await snapshotFolder(dir))].map(([k, v]) => [k, v.content]));
    const left = await contents(a.out);
    expect(left.size).toBeGreaterThan(8);
    expect(await contents(b.out)).toEqual(left);
  });

  it("a crash in the middle of generation leaves the output folder as it was", async () => {
    const { spec, out, job } = await project();
    delete job.prisma;
    await writeSpec(spec, v1);
    await generateProject({ job, steps: fakeSteps });
    const before = await snapshotFolder(out);
    await writeSpec(spec, { ...v1, operations: [...v1.operations, { id: "createPet", method: "post", path: "/pets" }] });

    const crashing = {
      ...fakeSteps,
      loadTarget: async () => ({
        ...fakeTarget,
        render: async (input: Parameters<typeof fakeTarget.render>[0]) => {
          await fakeTarget.render(input);
          throw new TypeError("cannot read properties of undefined (simulated generator bug)");
        },
      }),
    };
    const crashed = await generateProject({ job, steps: crashing });
    expect(crashed.stopped).toBe("render");
    expect(crashed.diagnostics.map((d) => d.code)).toContain("VX500");
    expect(await snapshotFolder(out)).toEqual(before);

    let written = 0;
    const diskFull = await generateProject({
      job,
      steps: fakeSteps,
      fault: ({ phase }) => {
        if (phase === "stage" && ++written === 2) throw new Error("ENOSPC (simulated)");
      },
    });
    expect(diskFull.diagnostics.some((d) => d.code === "VX500" && d.severity === "error")).toBe(true);
    expect(await snapshotFolder(out)).toEqual(before);
  });

  it("writes nothing when the input has errors, and exits 1", async () => {
    const { spec, out, dir } = await project();
    await writeFile(spec, '{ "openapi": "3.0.3", "info": { "title": "x", "version": "1" }, "paths": { "/a": { "get": { "responses": { "200": { "$ref": "#/nope" } } } } } }');
    const { out: printed, io } = captureIo();
    const code = await runGenerate({ args: { openapi: spec, out, target: "fake", verbose: false, "dry-run": false }, io, steps: fakeSteps });
    expect(code).toBe(1);
    expect(printed.stderr).toMatch(/api\.json:\d+:\d+ error VX104/);
    expect(printed.stderr).toContain("nothing written");
    expect(await exists(join(dir, "server"))).toBe(false);
  });

  it("--dry-run lists what would be created, updated and deleted and writes nothing", async () => {
    const { spec, out } = await project();
    await writeSpec(spec, v1);
    const args = { openapi: spec, out, target: "fake", verbose: false, "dry-run": false };
    expect(await runGenerate({ args, io: captureIo().io, steps: fakeSteps })).toBe(0);
    await writeSpec(spec, { ...v1, operations: [{ id: "listPets", method: "get", path: "/pets" }, { id: "createPet", method: "post", path: "/pets" }] });
    const before = await snapshotFolder(out);
    const { out: printed, io } = captureIo();
    expect(await runGenerate({ args: { ...args, "dry-run": true }, io, steps: fakeSteps })).toBe(0);
    expect(await snapshotFolder(out)).toEqual(before);
    expect(printed.stdout.split("\n").filter(Boolean)).toEqual([
      "create src/generated/operations/create-pet.ts",
      "delete src/generated/operations/get-pet.ts",
      "add to src/handlers.ts: createPet",
      "create test/create-pet.test.ts",
      "delete test/get-pet.test.ts",
    ]);
    expect(printed.stderr).toContain("dry run, nothing written");
    const written = captureIo();
    expect(await runGenerate({ args, io: written.io, steps: fakeSteps })).toBe(0);
    expect(written.out.stderr).toContain("2 created, 0 updated, 1 user file extended, 2 deleted, 4 unchanged");
    expect(written.out.stderr).toContain("  added createPet to your src/handlers.ts\n");
  });

  it("runs every job of a config, and exits 2 on config errors or an unknown job", async () => {
    const { dir, spec } = await project();
    await writeSpec(spec, v1);
    const config = join(dir, "vx.config.json");
    await writeFile(config, JSON.stringify({ openapi: "api.json", target: "fake", jobs: [{ name: "one", out: "out-one" }, { name: "two", out: "out-two" }] }, null, 2));
    const { out: printed, io } = captureIo();
    expect(await runGenerate({ args: { config, verbose: false, "dry-run": false }, io, steps: fakeSteps })).toBe(0);
    expect(printed.stderr).toMatch(/\[one\] .*out-one: 7 created/);
    expect(await exists(join(dir, "out-two/src/handlers.ts"))).toBe(true);
    expect(await runGenerate({ args: { config, job: "three", verbose: false, "dry-run": false }, io, steps: fakeSteps })).toBe(2);
    await writeFile(config, '{ "jobs": [ { "name": "one", "out": 5 } ] }');
    const bad = captureIo();
    expect(await runGenerate({ args: { config, verbose: false, "dry-run": false }, io: bad.io, steps: fakeSteps })).toBe(2);
    expect(bad.out.stderr).toMatch(/vx\.config\.json:1:30 error VX021/);
  });

  it("reports an unknown target as a usage error", async () => {
    const { spec, out } = await project();
    await writeSpec(spec, v1);
    const { out: printed, io } = captureIo();
    expect(await runGenerate({ args: { openapi: spec, out, target: "nope", verbose: false, "dry-run": false }, io, steps: fakeSteps })).toBe(2);
    expect(printed.stderr).toContain('unknown target "nope"');
  });
});
