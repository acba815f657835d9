import AjvCore, { _, type Options } from "ajv";
import type { RegExpEngine } from "ajv/dist/types/index.js";
import Ajv2020 from "ajv/dist/2020.js";
import AjvDraft04 from "ajv-draft-04";
import { knownFormats } from "./knownFormats.js";
import type { ValidatorDialect } from "./ValidatorDialect.js";

/**
 * The keyword a request view puts in place of a readOnly property's schema (`jsonSchemaVariant`): `"reject"` fails
 * ("is read-only"), `"ignore"` removes the property from the object being validated (the handler never sees it).
 */
export const readOnlyKeyword = "x-vx-readOnly";

/** Name the generated module gives its format table (see `assembleModule`; the `_` template below must match). */
export const formatsIdentifier = "vxFormats";

/**
 * A fresh Ajv instance set up for standalone code generation in `dialect`:
 * all errors, own properties only (`required: ["toString"]` is not met by the prototype), no type coercion, never removes properties, defaults only when asked, formats checked, unknown
 * keywords tolerated (OpenAPI annotations, `x-*`), unknown formats (listed in `unknownFormats`) accepted.
 */
export function createAjv({
  dialect,
  unknownFormats = [],
  useDefaults = false,
  assertFormats = true,
  inlineRefs = true,
  regExp,
}: {
  dialect: ValidatorDialect;
  unknownFormats?: string[];
  useDefaults?: boolean;
  /** `false`: `format` is an annotation only (the 2020-12 default). */
  assertFormats?: boolean;
  /** `false`: every `$ref` calls the referenced validator (one copy of its code), for modules sharing definitions. */
  inlineRefs?: boolean;
  /** The engine patterns run on (`createPatternEngine`: RE2, linear time); Ajv's default is the native RegExp. */
  regExp?: RegExpEngine;
}): AjvCore.default {
  const options: Options = {
    code: { source: true, esm: true, formats: _`vxFormats`, optimize: true, lines: true, ...(regExp ? { regExp } : {}) },
    allErrors: true,
    strict: false,
    coerceTypes: false,
    removeAdditional: false,
    useDefaults,
    validateFormats: assertFormats,
    ownProperties: true,
    validateSchema: false,
    logger: false,
    inlineRefs,
    messages: true,
  };
  const ajv =
    dialect === "draft4" || dialect === "openapi-3.0" ? new AjvDraft04.default(options) : new Ajv2020.default(options);
  ajv.addKeyword({
    keyword: readOnlyKeyword,
    schemaType: "string",
    modifying: true,
    error: { message: "is read-only: the server sets it" },
    code(cxt) {
      if (cxt.schema === "reject") cxt.fail();
      else cxt.gen.code(_`delete ${cxt.it.parentData}[${cxt.it.parentDataProperty}]`);
    },
  });
  for (const [name, format] of Object.entries(knownFormats())) ajv.addFormat(name, format);
  for (const name of unknownFormats) if (!ajv.formats[name]) ajv.addFormat(name, true);
  return ajv;
}
