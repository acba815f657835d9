import busboy from "busboy";
import type { Request } from "express";
import {
  multipartApiError,
  multipartBody,
  MultipartBodyError,
  type MultipartField,
  type MultipartFile,
  type MultipartLimits,
} from "../runtime/multipartBody.js";
import { uploadedFile } from "../runtime/uploadedFile.js";
import type { MultipartReader } from "./routeTable.js";

/** What reading the parts gave: the text parts as sent and the files read whole. */
interface Parts {
  fields: MultipartField[];
  files: MultipartFile[];
}

/**
 * Streams a multipart request through busboy within `limits`: text parts as sent, each file part read whole. The
 * first limit crossed (a file too large, too many files or fields, a field too long) or a malformed body settles it
 * as a `MultipartBodyError`, and the rest of the request is drained, never parsed.
 */
function readParts({ req, limits }: { req: Request; limits: MultipartLimits }): Promise<Parts> {
  return new Promise((resolve, reject) => {
    const parts: Parts = { fields: [], files: [] };
    let failed = false;
    const fail = (error: MultipartBodyError) => {
      if (failed) return;
      failed = true;
      req.unpipe();
      req.resume();
      reject(error);
    };
    let reader: busboy.Busboy;
    try {
      reader = busboy({
        headers: req.headers,
        limits: { fileSize: limits.fileSize, files: limits.files, fields: limits.fields, fieldSize: limits.fieldSize },
      });
    } catch (error) {
      fail(
        new MultipartBodyError({ status: 400, message: `is not multipart/form-data vx-gen reads: ${String(error)}` }),
      );
      return;
    }
    reader.on("field", (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated)
        fail(new MultipartBodyError({ status: 413, part: name, message: `is longer than ${limits.fieldSize} bytes` }));
      else parts.fields.push({ name, value, contentType: info.mimeType });
    });
    reader.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () =>
        fail(new MultipartBodyError({ status: 413, part: name, message: `is larger than ${limits.fileSize} bytes` })),
      );
      stream.on("end", () => {
        const data = Buffer.concat(chunks);
        parts.files.push({ name, file: uploadedFile({ filename: info.filename, contentType: info.mimeType, data }) });
      });
    });
    const tooMany = (what: string, limit: number) => () =>
      fail(new MultipartBodyError({ status: 413, message: `has more than ${limit} ${what}` }));
    reader.on("filesLimit", tooMany("files", limits.files));
    reader.on("fieldsLimit", tooMany("fields", limits.fields));
    reader.on("error", (error: unknown) =>
      fail(
        new MultipartBodyError({
          status: 400,
          message: `is not multipart/form-data vx-gen reads: ${error instanceof Error ? error.message : String(error)}`,
        }),
      ),
    );
    reader.on("close", () => {
      if (!failed) resolve(parts);
    });
    req.pipe(reader);
  });
}

/**
 * The multipart reader of the routers (`RouterDeps.multipart`): busboy, the parser multer itself wraps, used directly
 * so that parts keep their own names (no bracket rewriting of its own), files stay in memory within `limits`, and
 * each limit is an answer, never a silently truncated value. A route's reader builds the body with `multipartBody`
 * and its body shape; a body beyond a limit answers 413 PAYLOAD_TOO_LARGE naming the part, an unreadable one 400.
 */
export function multipartReader({ limits, maxDepth }: { limits: MultipartLimits; maxDepth: number }): MultipartReader {
  return ({ formBody }) =>
    (req, _res, next) => {
      readParts({ req, limits }).then(
        ({ fields, files }) => {
          try {
            req.body = multipartBody({ fields, files, shape: formBody, maxDepth });
            next();
          } catch (error) {
            next(error instanceof MultipartBodyError ? multipartApiError(error) : error);
          }
        },
        (error: unknown) => next(error instanceof MultipartBodyError ? multipartApiError(error) : error),
      );
    };
}
