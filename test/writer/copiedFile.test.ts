import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copiedFile, type RenderedFile } from "../../src/pipeline/RenderedFile.js";
import { describeWritePlan } from "../../src/writer/describeWritePlan.js";
import { hashContent } from "../../src/writer/hashContent.js";
import { createWriterState } from "../../src/writer/OutputSnapshot.js";
import { writeOutput } from "../../src/writer/writeOutput.js";
import { makeTempDir } from "./outputFolder.js";

/** A copied file that counts how often its text is decoded. */
function counted({ path, text }: { path: string; text: string }): { file: RenderedFile; decodes: () => number } {
  const file = copiedFile({ path, bytes: Buffer.from(text, "utf8") });
  const descriptor = Object.getOwnPropertyDescriptor(file, "content");
  let n = 0;
  Object.defineProperty(file, "content", { enumerable: true, get: () => (n++, descriptor?.get?.call(file) as string) });
  return { file, decodes: () => n };
}

describe("copied files (written as bytes)", () => {
  it("are written byte for byte, hashed like text, and never decoded while a watch-style run only compares them", async () => {
    const out = await makeTempDir();
    const state = createWriterState();
    const text = '{"openapi":"3.1.0","info":{"title":"caf\u00e9 \u{1F600}","version":"1"}}\n';
    const first = counted({ path: "src/generated/openapi.json", text });
    const created = await writeOutput({ outDir: out, files: [first.file], state });
    expect(created.plan.actions.map((a) => `${a.kind} ${a.path}`)).toEqual(["create src/generated/openapi.json"]);
    expect(await readFile(join(out, "src/generated/openapi.json"), "utf8")).toBe(text);
    expect(created.plan.manifest.files["src/generated/openapi.json"]?.hash).toBe(hashContent(text));
    expect(first.decodes()).toBe(0);

    const same = counted({ path: "src/generated/openapi.json", text });
    const again = await writeOutput({ outDir: out, files: [same.file], state });
    expect(again.plan.actions.map((a) => a.kind)).toEqual(["unchanged"]);
    expect(again.wrote).toBe(false);
    expect(same.decodes()).toBe(0);

    const changedText = text.replace('"1"', '"2"');
    const changed = counted({ path: "src/generated/openapi.json", text: changedText });
    const updated = await writeOutput({ outDir: out, files: [changed.file], state });
    expect(updated.plan.actions.map((a) => a.kind)).toEqual(["update"]);
    expect(await readFile(join(out, "src/generated/openapi.json"), "utf8")).toBe(changedText);
    expect(updated.plan.manifest.files["src/generated/openapi.json"]?.hash).toBe(hashContent(changedText));
    expect(changed.decodes()).toBe(0);

    // A hand edit is seen (the file is read again), and a diff shows both texts.
    await writeFile(join(out, "src/generated/openapi.json"), "{}\n");
    const plan = await writeOutput({ outDir: out, files: [copiedFile({ path: "src/generated/openapi.json", bytes: Buffer.from(changedText) })], state, mode: "plan" });
    expect(plan.plan.actions.map((a) => a.kind)).toEqual(["update"]);
    const described = describeWritePlan({ plan: plan.plan, diff: true });
    expect(described.join("\n")).toContain("openapi.json");
    expect(described.join("\n")).toContain("{}");
    expect(plan.plan.diagnostics.map((d) => d.code)).toEqual(["VX509"]);
  });

  it("compare equal to the same text rendered as a string (switching between the two rewrites nothing)", async () => {
    const out = await makeTempDir();
    const text = '{"a":"\u00e9"}\n';
    await writeOutput({ outDir: out, files: [{ path: "openapi.json", content: text, ownership: "generated" }] });
    const copied = await writeOutput({ outDir: out, files: [copiedFile({ path: "openapi.json", bytes: Buffer.from(text) })] });
    expect(copied.plan.actions.map((a) => a.kind)).toEqual(["unchanged"]);
    expect(copied.plan.manifestChanged).toBe(false);
  });

  it("are rewritten without being read back when they changed, and a hand edit since the last write is still reported", async () => {
    const out = await makeTempDir();
    const state = createWriterState();
    const path = "src/generated/openapi.json";
    const version = (n: number) => copiedFile({ path, bytes: Buffer.from(`{"openapi":"3.1.0","info":{"title":"t","version":"${n}"}}\n`) });
    await writeOutput({ outDir: out, files: [version(1)], state });
    // Changed bytes, file untouched since vx-gen wrote it: rewritten (nothing to warn about).
    const second = await writeOutput({ outDir: out, files: [version(2)], state });
    expect(second.plan.actions.map((a) => a.kind)).toEqual(["update"]);
    expect(second.diagnostics).toEqual([]);
    expect(await readFile(join(out, path), "utf8")).toContain('"version":"2"');
    // Edited by hand since: read again, reported, and replaced.
    await writeFile(join(out, path), '{"edited":true}\n');
    const third = await writeOutput({ outDir: out, files: [version(3)], state });
    expect(third.plan.actions.map((a) => a.kind)).toEqual(["update"]);
    expect(third.diagnostics.map((d) => d.code)).toEqual(["VX509"]);
    expect(await readFile(join(out, path), "utf8")).toContain('"version":"3"');
    // Deleted by hand since: created again.
    const { rm } = await import("node:fs/promises");
    await rm(join(out, path));
    const fourth = await writeOutput({ outDir: out, files: [version(4)], state });
    expect(fourth.plan.actions.map((a) => a.kind)).toEqual(["create"]);
    expect(await readFile(join(out, path), "utf8")).toContain('"version":"4"');
  });
});
