import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
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

/** @fastify/multipart's and busboy's errors as the body's problem: a limit is 413, anything else unreadable 400. */
function problemOf(error: unknown): MultipartBodyError {
  if (error instanceof MultipartBodyError) return error;
  const { code, statusCode, message } = error as { code?: unknown; statusCode?: unknown; message?: unknown };
  const text = typeof message === "string" ? message : "cannot be read";
  if (statusCode === 413) return new MultipartBodyError({ status: 413, message: text });
  const reason = code === "FST_INVALID_JSON_FIELD_ERROR" ? "a part declared application/json is not valid JSON" : text;
  return new MultipartBodyError({ status: 400, message: `is not multipart/form-data vx-gen reads: ${reason}` });
}

/** Every part of the request: text parts as sent, file parts read whole (`UploadedFile`), within `limits`. */
async function readParts({
  request,
  limits,
}: {
  request: FastifyRequest;
  limits: MultipartLimits;
}): Promise<{ fields: MultipartField[]; files: MultipartFile[] }> {
  const fields: MultipartField[] = [];
  const files: MultipartFile[] = [];
  const parts = request.parts({
    limits: { fileSize: limits.fileSize, files: limits.files, fields: limits.fields, fieldSize: limits.fieldSize },
  });
  for await (const part of parts) {
    if (part.type === "file") {
      const data = await part.toBuffer().catch((error: unknown) => {
        const tooLarge = (error as { statusCode?: unknown }).statusCode === 413;
        throw tooLarge
          ? new MultipartBodyError({
              status: 413,
              part: part.fieldname,
              message: `is larger than ${limits.fileSize} bytes`,
            })
          : error;
      });
      files.push({
        name: part.fieldname,
        file: uploadedFile({ filename: part.filename, contentType: part.mimetype, data }),
      });
      continue;
    }
    if (part.valueTruncated || part.fieldnameTruncated)
      throw new MultipartBodyError({
        status: 413,
        part: part.fieldname,
        message: `is longer than ${limits.fieldSize} bytes`,
      });
    // The plugin parses a part sent as application/json itself: its text again, read (and checked) with the others.
    const value = typeof part.value === "string" ? part.value : JSON.stringify(part.value);
    fields.push({ name: part.fieldname, value, contentType: part.mimetype });
  }
  return { fields, files };
}

/**
 * Registers @fastify/multipart (its parser only marks multipart requests) and returns the preValidation hook of each
 * multipart route: it streams the parts within `limits` (beyond any: 413 PAYLOAD_TOO_LARGE naming the part), reads
 * every file whole into an `UploadedFile`, and sets the body to the value `multipartBody` builds with the route's
 * body shape, which the route's check then validates like JSON.
 */
export async function registerMultipart({
  app,
  limits,
  maxDepth,
}: {
  app: FastifyInstance;
  limits: MultipartLimits;
  maxDepth: number;
}): Promise<MultipartReader> {
  await app.register(fastifyMultipart, { limits: { fileSize: limits.fileSize, files: limits.files } });
  return ({ formBody }) =>
    async (request) => {
      if (!request.isMultipart()) return;
      try {
        const { fields, files } = await readParts({ request, limits });
        request.body = multipartBody({ fields, files, shape: formBody, maxDepth });
      } catch (error) {
        throw multipartApiError(problemOf(error));
      }
    };
}
