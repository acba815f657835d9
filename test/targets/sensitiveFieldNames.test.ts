import { describe, expect, it } from "vitest";
import { hashedFieldNames, sensitiveFieldNames } from "../../generators/shared/sensitiveFieldNames.js";
import {
  apiModel,
  arraySchema,
  integerSchema,
  namedSchema,
  objectSchema,
  operation,
  property,
  refSchema,
  requestBody,
  response,
  stringSchema,
  unionSchema,
} from "../../src/ir/factories/api.js";
import { mustApi, readSpecText, specWithSchemas } from "../parsers/openapi/helpers.js";

/** The view-model decision behind log redaction: which body fields never reach the generated server's logs. */
describe("sensitiveFieldNames", () => {
  it("collects password, writeOnly and x-vx-pii properties at any depth, named or inline, sorted and unique", () => {
    const secret = namedSchema({ name: "Secret", schema: stringSchema({ writeOnly: true }) });
    const user = namedSchema({
      name: "User",
      schema: objectSchema({
        properties: [
          property({ name: "id", schema: integerSchema({ readOnly: true }) }),
          property({ name: "password", schema: stringSchema({ format: "password" }) }),
          property({ name: "token", schema: refSchema({ name: "Secret" }) }),
          property({ name: "contacts", schema: arraySchema({ items: objectSchema({ properties: [property({ name: "phone", schema: stringSchema({ pii: true }) })] }) }) }),
        ],
      }),
    });
    const inline = unionSchema({ mode: "oneOf", members: [objectSchema({ properties: [property({ name: "__proto__", schema: stringSchema({ pii: true }) })] })] });
    const api = apiModel({
      schemas: [secret, user],
      operations: [
        operation({ requestBody: requestBody({ schema: inline }), responses: [response({ status: "200", schema: objectSchema({ properties: [property({ name: "ssn", schema: stringSchema({ pii: true }) })] }) })] }),
        operation({ operationId: "again", requestBody: requestBody({ schema: refSchema({ name: "User" }) }) }),
      ],
    });
    expect(sensitiveFieldNames(api)).toEqual(["__proto__", "password", "phone", "ssn", "token"]);
  });

  it("finds nothing in an API without marked fields", () => {
    const api = apiModel({ schemas: [namedSchema({ name: "Book", schema: objectSchema({ properties: [property({ name: "title", schema: stringSchema({ format: "email" }) })] }) })] });
    expect(sensitiveFieldNames(api)).toEqual([]);
  });

  it("reads x-vx-pii beside a $ref, on the property that refers", async () => {
    const schemas = "S:\n  type: object\n  properties:\n    mail:\n      $ref: '#/components/schemas/Mail'\n      x-vx-pii: true\n    other:\n      $ref: '#/components/schemas/Mail'\nMail:\n  type: string";
    const api = mustApi(await readSpecText({ text: specWithSchemas({ version: "3.1.0", schemas }) }));
    expect(sensitiveFieldNames(api)).toEqual(["mail"]);
  });

  it("reads x-vx-pii: hash as a hashed field, masked instead wherever the same name is masked elsewhere", async () => {
    const schemas = [
      "A:\n  type: object\n  properties:\n    email: { type: string, x-vx-pii: hash }\n    phone: { type: string, x-vx-pii: hash }",
      "    tag: { type: string, x-vx-pii: maybe }",
      "B:\n  type: object\n  properties:\n    phone: { type: string, writeOnly: true }",
      "    ref: { $ref: '#/components/schemas/Mail', x-vx-pii: hash }\nMail:\n  type: string",
    ].join("\n");
    const api = mustApi(await readSpecText({ text: specWithSchemas({ version: "3.1.0", schemas }) }));
    expect(sensitiveFieldNames(api)).toEqual(["email", "phone", "ref"]);
    // phone is writeOnly in B: masked everywhere; an unknown value (maybe) marks nothing.
    expect(hashedFieldNames(api)).toEqual(["email", "ref"]);
  });
});
