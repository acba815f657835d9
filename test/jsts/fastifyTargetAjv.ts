import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import type { Options } from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { GeneratedValidator } from "../../src/validators/ValidationIssue.js";

/** The template whose `createAjv` builds the generated Fastify server's two Ajv instances. */
export const fastifyValidationTemplate = join("generators", "fastify", "templates", "fastify", "validation.ts");

type OptionValue = boolean | string | number;

/** Evaluates one option initializer of the template: literals, the `coerce` flag, and `coerce ? a : b`. */
function evaluate({ node, coerce }: { node: ts.Expression; coerce: boolean }): OptionValue {
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isStringLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isIdentifier(node) && node.text === "coerce") return coerce;
  if (ts.isParenthesizedExpression(node)) return evaluate({ node: node.expression, coerce });
  if (ts.isConditionalExpression(node))
    return evaluate({ node: evaluate({ node: node.condition, coerce }) ? node.whenTrue : node.whenFalse, coerce });
  throw new Error(`${fastifyValidationTemplate}: cannot read the Ajv option value \`${node.getText()}\``);
}

/**
 * The Ajv options the generated Fastify server uses, read from the template's `createAjv({ coerce })` (so a change to
 * the template changes what is measured): `coerce: false` is the body instance, `true` the parameter instance. Throws
 * when the template no longer has that shape (Ajv 2020 instance, `addFormats.default(ajv)` without options).
 */
export function readFastifyAjvOptions({ root, coerce }: { root: string; coerce: boolean }): Options {
  const text = readFileSync(join(root, fastifyValidationTemplate), "utf8");
  for (const expected of ['from "ajv/dist/2020.js"', "addFormats.default(ajv);", "new Ajv2020.default({"]) {
    if (!text.includes(expected)) throw new Error(`${fastifyValidationTemplate} no longer contains ${expected}`);
  }
  const file = ts.createSourceFile(fastifyValidationTemplate, text, ts.ScriptTarget.ES2022, true);
  let literal: ts.ObjectLiteralExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) && node.name?.text === "createAjv") {
      const find = (inner: ts.Node): void => {
        if (ts.isNewExpression(inner) && inner.arguments?.[0] && ts.isObjectLiteralExpression(inner.arguments[0]))
          literal = inner.arguments[0];
        else ts.forEachChild(inner, find);
      };
      find(node);
    } else ts.forEachChild(node, visit);
  };
  visit(file);
  if (!literal) throw new Error(`${fastifyValidationTemplate}: no \`new Ajv2020.default({...})\` in createAjv`);
  const options: Record<string, OptionValue> = {};
  for (const property of literal.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name))
      throw new Error(`${fastifyValidationTemplate}: unexpected Ajv option \`${property.getText()}\``);
    options[property.name.text] = evaluate({ node: property.initializer, coerce });
  }
  return options as Options;
}

/** An Ajv instance set up as the generated server sets up its body (or parameter) instance. */
export function createFastifyTargetAjv({ options }: { options: Options }): Ajv2020.default {
  const ajv = new Ajv2020.default(options);
  addFormats.default(ajv);
  return ajv;
}

/**
 * Compiles `schema` the way the generated server compiles a body schema (no preparation: the server hands its
 * schemas.json entries to `ajv.compile` as they are), in a fresh instance (suite groups reuse `$id`s), as a validator
 * with the generated modules' result shape (errors mapped only to keep `runJsts`' "invalid without details" check).
 */
export function compileLikeFastifyTarget({
  options,
  schema,
}: {
  options: Options;
  schema: unknown;
}): GeneratedValidator {
  const validate = createFastifyTargetAjv({ options }).compile(schema as object);
  return (data) => {
    const valid = validate(data);
    return {
      valid,
      errors: valid
        ? []
        : (validate.errors ?? []).map((e) => ({ field: e.instancePath, message: e.message ?? "", keyword: e.keyword })),
    };
  };
}
