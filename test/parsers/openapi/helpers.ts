import { mkdtemp, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readOpenApi, type ReadOpenApiResult } from "../../../src/parsers/openapi/readOpenApi.js";
import type { ApiModel, NamedSchema, Operation } from "../../../src/ir/types.js";

/** Writes files (name -> text) into a fresh temporary folder and returns the folder. */
export async function writeSpecFiles(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "vx-openapi-"));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

/** Reads a one-file spec given as text (written to `api.yaml`, or the given name, in a temporary folder). */
export async function readSpecText({ text, name = "api.yaml" }: { text: string; name?: string }): Promise<ReadOpenApiResult> {
  const dir = await writeSpecFiles({ [name]: text });
  return readOpenApi({ file: path.join(dir, name) });
}

/** A copy without `source` fields (and `jsonSchema`, unless kept), to compare shapes with factory-built IR. */
export function withoutSources<T>(value: T, { keepJsonSchema = false }: { keepJsonSchema?: boolean } = {}): T {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (k === "source" || (k === "jsonSchema" && !keepJsonSchema)) continue;
        out[k] = strip(x);
      }
      return out;
    }
    return v;
  };
  return strip(value) as T;
}

export function mustApi(result: ReadOpenApiResult): ApiModel {
  if (!result.api) throw new Error(`no api: ${JSON.stringify(result.diagnostics)}`);
  return result.api;
}

export function schemaNamed(api: ApiModel, name: string): NamedSchema {
  const found = api.schemas.find((s) => s.name === name);
  if (!found) throw new Error(`no schema ${name}; have ${api.schemas.map((s) => s.name).join(", ")}`);
  return found;
}

export function operationWithId(api: ApiModel, operationId: string): Operation {
  const found = api.operations.find((o) => o.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId}; have ${api.operations.map((o) => o.operationId).join(", ")}`);
  return found;
}

/** A minimal OpenAPI 3.0 document around some `components/schemas` YAML (indented under `schemas:`). */
export function specWithSchemas({ version = "3.0.3", schemas }: { version?: string; schemas: string }): string {
  const indented = schemas
    .split("\n")
    .map((line) => (line.trim() === "" ? line : `    ${line}`))
    .join("\n");
  if (version === "2.0") return `swagger: "2.0"\ninfo:\n  title: t\n  version: "1"\npaths: {}\ndefinitions:\n${indented.replace(/^ {2}/gm, "")}\n`;
  return `openapi: ${version}\ninfo:\n  title: t\n  version: "1"\npaths: {}\ncomponents:\n  schemas:\n${indented}\n`;
}
