/**
 * Reads every OpenAPI document of the shared corpus (root files from ../shared/corpus/SOURCES.md) plus GitHub's 13 MB
 * description (a dev dependency) and checks the IR against counts computed independently of the reader: documents
 * are loaded with swagger-parser's resolver (a different YAML parser and $ref resolver), path items and operations
 * counted by a small walker here, and every schema the reader hoisted out of a non-component location is checked to
 * really be circular (it reaches itself through $refs) or a discriminator mapping target.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { readOpenApi } from "../../src/parsers/openapi/readOpenApi.js";
import { locateInBlockYaml } from "../../src/parsers/openapi/locateInBlockYaml.js";
import { buildYamlPositionIndex, locateInYaml } from "../../src/parsers/openapi/locateInYaml.js";
import { parseSpecText } from "../../src/parsers/openapi/parseSpecText.js";
import { splitPointer } from "../../src/parsers/openapi/jsonPointer.js";
import { allPointers } from "../parsers/openapi/allPointers.js";
import { sharedInputPresent } from "../helpers/sharedInput.js";
import { openapiCorpusRoots } from "../helpers/openapiCorpusRoots.js";

const corpusDir = path.resolve("../shared/corpus");
const sourcesFile = path.join(corpusDir, "SOURCES.md");
const githubSpec = path.resolve("node_modules/@octokit/openapi/generated/api.github.com.json");
const corpusPresent = sharedInputPresent({ path: sourcesFile, what: "OpenAPI corpus tests (the shared corpus next to this repository)" });

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

type Docs = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Value at `file#pointer` in the resolved documents, following `$ref`s met on the way (JSON Reference semantics). */
function at(docs: Docs, file: string, pointer: string, hops = 0): { file: string; pointer: string; value: unknown } | undefined {
  let current = { file, pointer: "", value: docs[file] };
  const segments = pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  for (const segment of segments) {
    if (isObject(current.value) && typeof current.value.$ref === "string" && !(segment in current.value)) {
      if (hops > 50) return undefined;
      const next = follow(docs, current.file, current.value.$ref, hops + 1);
      if (!next) return undefined;
      current = next;
    }
    const v = current.value;
    const child = Array.isArray(v) ? v[Number(segment)] : isObject(v) ? v[segment] : undefined;
    if (child === undefined) return undefined;
    current = { file: current.file, pointer: `${current.pointer}/${segment.replace(/~/g, "~0").replace(/\//g, "~1")}`, value: child };
  }
  return current;
}

function follow(docs: Docs, from: string, ref: string, hops = 0): { file: string; pointer: string; value: unknown } | undefined {
  const [filePart = "", fragment = ""] = ref.split("#");
  const file = filePart === "" ? from : path.resolve(path.dirname(from), decodeURIComponent(filePart));
  return at(docs, file, decodeURIComponent(fragment), hops);
}

/** Follows a chain of `$ref`s. */
function deref(docs: Docs, place: { file: string; pointer: string; value: unknown }): { file: string; pointer: string; value: unknown } | undefined {
  let current: { file: string; pointer: string; value: unknown } | undefined = place;
  for (let i = 0; i < 50 && current && isObject(current.value) && typeof current.value.$ref === "string"; i++) current = follow(docs, current.file, current.value.$ref);
  return current;
}

function countOperations(docs: Docs, root: string): number {
  const paths = at(docs, root, "/paths");
  if (!paths || !isObject(paths.value)) return 0;
  let count = 0;
  for (const key of Object.keys(paths.value)) {
    if (key.startsWith("x-")) continue;
    const item = deref(docs, { file: paths.file, pointer: `${paths.pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, value: paths.value[key] });
    if (!item || !isObject(item.value)) continue;
    for (const method of methods) if (item.value[method] !== undefined) count++;
  }
  return count;
}

function componentSchemaNames(docs: Docs, root: string): string[] {
  const doc = docs[root];
  if (!isObject(doc)) return [];
  const section = doc.swagger !== undefined ? doc.definitions : isObject(doc.components) ? doc.components.schemas : undefined;
  return isObject(section) ? Object.keys(section) : [];
}

/** Every `$ref` inside a value, resolved to its place. */
function refsInside(docs: Docs, place: { file: string; value: unknown }): { file: string; pointer: string; value: unknown }[] {
  const found: { file: string; pointer: string; value: unknown }[] = [];
  const stack: unknown[] = [place.value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (isObject(v)) {
      if (typeof v.$ref === "string") {
        const target = follow(docs, place.file, v.$ref);
        if (target) found.push(target);
      }
      for (const [k, x] of Object.entries(v)) if (k !== "$ref") stack.push(x);
    }
  }
  return found;
}

/** Whether the schema at `file#pointer` reaches itself through `$ref`s (any number of files and steps). */
function isCircular(docs: Docs, file: string, pointer: string): boolean {
  const start = at(docs, file, pointer);
  if (!start) return false;
  const key = `${file}#${pointer}`;
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const place = queue.shift() as { file: string; pointer: string; value: unknown };
    for (const target of refsInside(docs, place)) {
      const k = `${target.file}#${target.pointer}`;
      if (k === key) return true;
      if (!seen.has(k)) {
        seen.add(k);
        queue.push(target);
      }
    }
  }
  return false;
}

/** Every place named by some discriminator mapping, anywhere in the documents. */
function discriminatorTargets(docs: Docs): Set<string> {
  const targets = new Set<string>();
  for (const [file, doc] of Object.entries(docs)) {
    const stack: unknown[] = [doc];
    while (stack.length > 0) {
      const v = stack.pop();
      if (Array.isArray(v)) stack.push(...v);
      else if (isObject(v)) {
        if (isObject(v.discriminator) && isObject(v.discriminator.mapping)) {
          for (const ref of Object.values(v.discriminator.mapping)) {
            if (typeof ref !== "string") continue;
            const target = deref(docs, follow(docs, file, ref) ?? { file, pointer: "", value: undefined });
            if (target) targets.add(`${target.file}#${target.pointer}`);
          }
        }
        stack.push(...Object.values(v));
      }
    }
  }
  return targets;
}

const documents = corpusPresent ? [...openapiCorpusRoots({ corpusDir }), ...(sharedInputPresent({ path: githubSpec, what: "GitHub's spec in the OpenAPI corpus tests (@octokit/openapi dev dependency)" }) ? [{ name: "github (@octokit/openapi)", file: githubSpec }] : [])] : [];
const timings: string[] = [];

describe.skipIf(!corpusPresent)("OpenAPI corpus", () => {
  it("lists the corpus documents", () => {
    expect(documents.length).toBeGreaterThanOrEqual(16);
    for (const d of documents) expect(existsSync(d.file), d.file).toBe(true);
  });

  it.each(documents)("$name: reads, with operation and schema counts matching an independent count", async ({ file, name }) => {
    const started = performance.now();
    const result = await readOpenApi({ file: path.relative(process.cwd(), file) });
    const elapsed = performance.now() - started;
    const api = result.api;
    expect(api, JSON.stringify(result.diagnostics.slice(0, 5))).not.toBeNull();
    if (!api) return;

    const docs = (await SwaggerParser.resolve(file)).values() as Docs;
    expect(api.files.length).toBe(Object.keys(docs).length);
    const operations = countOperations(docs, file);
    expect(api.operations.length).toBe(operations);
    expect(new Set(api.operations.map((o) => o.operationId)).size).toBe(api.operations.length);

    const components = componentSchemaNames(docs, file);
    const names = new Set(api.schemas.map((s) => s.name));
    for (const component of components) expect(names.has(component), component).toBe(true);
    const hoisted = api.schemas.filter((s) => !components.includes(s.name));
    const mappingTargets = hoisted.length > 0 ? discriminatorTargets(docs) : new Set<string>();
    for (const schema of hoisted) {
      const abs = path.resolve(schema.source.file);
      const reason = isCircular(docs, abs, schema.source.pointer) || mappingTargets.has(`${abs}#${schema.source.pointer}`);
      expect(reason, `${schema.name} at ${schema.source.file}#${schema.source.pointer} is neither circular nor a discriminator target`).toBe(true);
    }
    expect(api.schemas.length).toBe(components.length + hoisted.length);
    expect(result.diagnostics.every((d) => d.location === undefined || d.location.line !== undefined || d.location.pointer === undefined)).toBe(true);

    const errors = result.diagnostics.filter((d) => d.severity === "error").length;
    timings.push(
      `${name.padEnd(26)} ${String(Math.round(elapsed)).padStart(6)} ms  ops ${String(api.operations.length).padStart(5)}  schemas ${String(components.length).padStart(4)} + ${hoisted.length} hoisted  files ${api.files.length}  errors ${errors}`,
    );
  });

  it("the fast YAML locator agrees with the yaml package on sampled pointers of the corpus YAML roots under 1 MB", () => {
    const lines: string[] = [];
    for (const { name, file } of documents) {
      const text = readFileSync(file, "utf8");
      const parsed = parseSpecText({ file, text });
      // Stripe (4 MB) is left out: building the yaml package's positions for it alone takes seconds.
      if (!parsed.ok || parsed.format !== "yaml" || text.length > 1_000_000) continue;
      const pointers = allPointers(parsed.value, { step: 7, limit: 2000 });
      const index = buildYamlPositionIndex({ text });
      const split = text.split("\n");
      let fast = 0;
      for (const pointer of pointers) {
        const segments = splitPointer(pointer) ?? [];
        const position = locateInBlockYaml({ lines: split, segments });
        if (!position) continue;
        fast++;
        expect(position, `${name}#${pointer}`).toEqual(locateInYaml({ index, segments }));
      }
      lines.push(`${name.padEnd(26)} ${fast}/${pointers.length} pointers on the fast path`);
    }
    console.log(lines.join("\n"));
    expect(lines.length).toBeGreaterThan(5);
  });

  it("prints the timings", () => {
    console.log(`OpenAPI corpus read times (readOpenApi, wall clock):\n${timings.join("\n")}`);
    expect(timings.length).toBe(documents.length);
  });
});
