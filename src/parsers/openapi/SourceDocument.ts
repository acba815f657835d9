import { specFileBytes, type SpecFile } from "./SpecFile.js";

/**
 * An OpenAPI file as the reader read it: its bytes and the value parsed from them (the very objects the IR was built
 * from). Handed down the pipeline (`BuildIrResult.sources`, `RenderInput.document`), so that later stages copy or
 * fingerprint exactly what was read, without reading the file again nor asking the reader's memo.
 */
export interface SourceDocument {
  /** Absolute path (or URL): the file's identity. */
  key: string;
  /** The bytes read (a JSON spec is copied from these byte for byte). */
  bytes: Buffer;
  /** The parsed document. */
  value: unknown;
}

/** The source of a file the reader read (every `SpecFile` is made from bytes). */
export function sourceOf(spec: SpecFile): SourceDocument | undefined {
  const bytes = specFileBytes(spec);
  return bytes ? { key: spec.key, bytes, value: spec.value } : undefined;
}
