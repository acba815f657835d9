import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { clearSpecFileMemo, offerSpecBytes, readSpecFile, withdrawSpecBytes } from "../../../src/parsers/openapi/readSpecFile.js";
import { specFileBytes } from "../../../src/parsers/openapi/SpecFile.js";
import { inputFingerprint } from "../../../src/writer/inputFingerprint.js";

const spec = (title: string) => JSON.stringify({ openapi: "3.0.3", info: { title, version: "1" }, paths: {} });

async function withSpec<T>(run: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "vx-offer-"));
  const file = join(dir, "api.json");
  await writeFile(file, spec("on disk"));
  try {
    return await run(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const titleOf = (value: unknown) => (value as { info: { title: string } }).info.title;

describe("bytes offered to the next read of a spec file (watch hands over what it fingerprinted)", () => {
  afterEach(() => {
    withdrawSpecBytes();
    clearSpecFileMemo();
  });

  it("are used once, instead of reading the file; later reads see the disk", () =>
    withSpec(async (file) => {
      const bytes = Buffer.from(spec("offered"));
      offerSpecBytes({ key: file, bytes });
      const first = await readSpecFile({ path: file, key: file, display: "api.json", label: "OpenAPI" });
      expect(first.ok && titleOf(first.spec.value)).toBe("offered");
      expect(first.ok && specFileBytes(first.spec)).toBe(bytes);
      const second = await readSpecFile({ path: file, key: file, display: "api.json", label: "OpenAPI" });
      expect(second.ok && titleOf(second.spec.value)).toBe("on disk");
    }));

  it("are dropped by withdrawSpecBytes, and never stand in for an empty read", () =>
    withSpec(async (file) => {
      offerSpecBytes({ key: file, bytes: Buffer.from(spec("offered")) });
      withdrawSpecBytes();
      const read = await readSpecFile({ path: file, key: file, display: "api.json", label: "OpenAPI" });
      expect(read.ok && titleOf(read.spec.value)).toBe("on disk");
      offerSpecBytes({ key: file, bytes: Buffer.alloc(0) });
      clearSpecFileMemo();
      const again = await readSpecFile({ path: file, key: file, display: "api.json", label: "OpenAPI" });
      expect(again.ok && titleOf(again.spec.value)).toBe("on disk");
    }));
});

describe("inputFingerprint with the bytes a run generated from", () => {
  it("describes those bytes, not a newer version of the file", () =>
    withSpec(async (file) => {
      const outDir = join(file, "..", "out");
      const settings = { target: "fastify" };
      const fromDisk = await inputFingerprint({ outDir, files: [file], settings });
      const generatedFrom = Buffer.from(spec("what the run read"));
      const fromRun = await inputFingerprint({ outDir, files: [file], settings, contentOf: () => generatedFrom });
      expect(fromRun.hash).not.toBe(fromDisk.hash);
      await writeFile(file, generatedFrom);
      expect((await inputFingerprint({ outDir, files: [file], settings })).hash).toBe(fromRun.hash);
      const unknown = await inputFingerprint({ outDir, files: [file], settings, contentOf: () => undefined });
      expect(unknown.hash).toBe(fromRun.hash);
    }));
});
