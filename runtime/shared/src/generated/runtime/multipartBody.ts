import { ApiError } from "./errors.js";
import { coerceFormBody, FormBodyError, parseFormBody, type FormValueShape } from "./formBody.js";
import type { UploadedFile } from "./uploadedFile.js";

/** `multipart/form-data`, with its parameters (`; boundary=...`), in any case. */
export const multipartMediaType = /^multipart\/form-data\s*(?:;|$)/i;

/** Whether a `Content-Type` is `multipart/form-data`. */
export function isMultipartMediaType(contentType: string | undefined): boolean {
  return contentType !== undefined && multipartMediaType.test(contentType);
}

/** What one multipart request may hold (the `UPLOAD_*` settings); beyond any of them it is refused whole, 413. */
export interface MultipartLimits {
  /** The largest file part, in bytes. */
  fileSize: number;
  /** The most file parts. */
  files: number;
  /** The most non-file parts. */
  fields: number;
  /** The largest non-file part, in bytes. */
  fieldSize: number;
}

/** The multipart limits among the server's (`Limits`: the `UPLOAD_*` variables). */
export function multipartLimitsOf(limits: {
  uploadFileSizeLimit: number;
  uploadMaxFiles: number;
  uploadMaxFields: number;
  uploadFieldSizeLimit: number;
}): MultipartLimits {
  return {
    fileSize: limits.uploadFileSizeLimit,
    files: limits.uploadMaxFiles,
    fields: limits.uploadMaxFields,
    fieldSize: limits.uploadFieldSizeLimit,
  };
}

/** A multipart body refused whole: over a limit (413), or a part that cannot be read (400), named when known. */
export class MultipartBodyError extends Error {
  readonly status: 400 | 413;
  readonly part: string | undefined;

  constructor({ status, part, message }: { status: 400 | 413; part?: string | undefined; message: string }) {
    super(message);
    this.status = status;
    this.part = part;
  }
}

/** A refused multipart body in the error format: 413 PAYLOAD_TOO_LARGE or 400 VALIDATION_ERROR, naming the part. */
export function multipartApiError(error: MultipartBodyError): ApiError {
  const details = [{ field: error.part ?? "body", message: error.message }];
  return error.status === 413
    ? new ApiError({
        code: "PAYLOAD_TOO_LARGE",
        message: "the multipart body is larger than the server accepts",
        details,
      })
    : new ApiError({ code: "VALIDATION_ERROR", message: "invalid body", details });
}

/** A non-file part: its name, text and declared `Content-Type` (if any). */
export interface MultipartField {
  name: string;
  value: string;
  contentType: string | undefined;
}

/** A file part (one with a filename), read whole. */
export interface MultipartFile {
  name: string;
  file: UploadedFile;
}

function typesOf(shape: FormValueShape | undefined): readonly string[] {
  const type = shape?.type;
  return type === undefined ? [] : typeof type === "string" ? [type] : type;
}

function propertyShape({
  shape,
  name,
}: {
  shape: FormValueShape | undefined;
  name: string;
}): FormValueShape | undefined {
  return shape?.properties !== undefined && Object.hasOwn(shape.properties, name) ? shape.properties[name] : undefined;
}

/** A part read as JSON: one declared `application/json` (or `+json`), or one whose property the schema types as an object. */
function isJsonPart({ field, shape }: { field: MultipartField; shape: FormValueShape | undefined }): boolean {
  if (field.contentType !== undefined && /^application\/(?:[^\s;/]*\+)?json\s*(?:;|$)/i.test(field.contentType))
    return true;
  const types = typesOf(propertyShape({ shape, name: field.name }));
  return types.includes("object") && !types.includes("string");
}

function jsonOf(field: MultipartField): unknown {
  try {
    return JSON.parse(field.value, (key, value: unknown) => {
      if (key === "__proto__") throw new Error("prototype");
      return value;
    });
  } catch {
    throw new MultipartBodyError({ status: 400, part: field.name, message: "is not valid JSON" });
  }
}

/** Sets `name` on `body` (defined, never assigned: a part may be named `__proto__`); a repeated name makes a list. */
function put({
  body,
  name,
  value,
  list,
}: {
  body: Record<string, unknown>;
  name: string;
  value: unknown;
  list: boolean;
}): void {
  const previous = Object.hasOwn(body, name) ? body[name] : undefined;
  const next =
    previous === undefined
      ? list
        ? [value]
        : value
      : Array.isArray(previous)
        ? [...previous, value]
        : [previous, value];
  Object.defineProperty(body, name, { value: next, enumerable: true, writable: true, configurable: true });
}

/**
 * A multipart body as the value its schema describes: text parts read like a urlencoded form (bracket notation,
 * repeated names as lists, strings typed by `shape` as in `coerceFormBody`), JSON parts (declared so, or the part of
 * an object property) parsed, never coerced, and each file part an `UploadedFile` (a list where the schema asks for an
 * array or the name repeats). Unreadable JSON, or fields nested too deep, throw `MultipartBodyError` (400).
 */
export function multipartBody({
  fields,
  files,
  shape,
  maxDepth,
}: {
  fields: readonly MultipartField[];
  files: readonly MultipartFile[];
  shape: FormValueShape | undefined;
  maxDepth: number;
}): Record<string, unknown> {
  const json = fields.filter((field) => isJsonPart({ field, shape }));
  const text = fields
    .filter((field) => !json.includes(field))
    .map((field) => `${encodeURIComponent(field.name)}=${encodeURIComponent(field.value)}`)
    .join("&");
  let parsed: Record<string, unknown>;
  try {
    parsed = parseFormBody({ text, maxDepth });
  } catch (error) {
    if (!(error instanceof FormBodyError)) throw error;
    throw new MultipartBodyError({ status: 400, message: `is not a form vx-gen reads: ${error.message}` });
  }
  const body = coerceFormBody({ value: parsed, shape }) as Record<string, unknown>;
  for (const field of json) put({ body, name: field.name, value: jsonOf(field), list: false });
  for (const { name, file } of files) {
    const list = typesOf(propertyShape({ shape, name })).includes("array");
    put({ body, name, value: file, list });
  }
  return body;
}
