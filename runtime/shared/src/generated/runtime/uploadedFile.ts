/**
 * A file part of a `multipart/form-data` body as the handler gets it: read whole into memory (within the upload
 * limits: `UPLOAD_FILE_SIZE_LIMIT` bytes per file, `UPLOAD_MAX_FILES` per request), so a handler can check, store or forward
 * it without consuming a stream once. `mimeType` is the part's `Content-Type` in lower case without its parameters
 * (`application/octet-stream` when the client sent none); `filename` is the name the client gave, never a path to
 * trust (store files under names of your own).
 */
export interface UploadedFile {
  readonly filename: string;
  readonly mimeType: string;
  /** In bytes: `data.length`. */
  readonly size: number;
  readonly data: Buffer;
}

/** The files `uploadedFile` made: only these are kept as they are when a multipart body is typed by its schema. */
const files = new WeakSet<object>();

/** A part's media type as `mimeType` holds it: lower case, parameters dropped, `application/octet-stream` when absent. */
export function essentialMediaType(contentType: string | undefined): string {
  const essence = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return essence === "" ? "application/octet-stream" : essence;
}

/** An uploaded file of the bytes read, as handlers get it (frozen). */
export function uploadedFile({
  filename,
  contentType,
  data,
}: {
  filename: string | undefined;
  contentType: string | undefined;
  data: Buffer;
}): UploadedFile {
  const file: UploadedFile = Object.freeze({
    filename: filename ?? "",
    mimeType: essentialMediaType(contentType),
    size: data.length,
    data,
  });
  files.add(file);
  return file;
}

/** Whether `value` is a file part read by `uploadedFile`. */
export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === "object" && value !== null && files.has(value);
}
