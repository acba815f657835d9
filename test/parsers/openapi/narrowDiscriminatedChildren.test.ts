import { describe, expect, it } from "vitest";
import { intersectionSchema, namedSchema, objectSchema, property, refSchema, stringSchema } from "../../../src/ir/factories/api.js";
import { narrowDiscriminatedChildren } from "../../../src/parsers/openapi/narrowDiscriminatedChildren.js";

const pet = namedSchema({
  name: "Pet",
  schema: objectSchema({ properties: [property({ name: "kind", schema: stringSchema(), required: true })], discriminator: { propertyName: "kind", mapping: [] } }),
});
const cat = namedSchema({ name: "Cat", schema: intersectionSchema({ members: [refSchema({ name: "Pet" }), objectSchema()] }) });
const plain = namedSchema({ name: "Plain", schema: objectSchema() });
// Vehicle > Car > Volvo, one discriminator mapping all three (the intermediate Car allows "Car" and "Volvo").
const vehicle = namedSchema({
  name: "Vehicle",
  schema: objectSchema({
    properties: [property({ name: "type", schema: stringSchema(), required: true })],
    discriminator: { propertyName: "type", mapping: [{ value: "volvo", schema: "Volvo" }] },
  }),
});
const car = namedSchema({ name: "Car", schema: intersectionSchema({ members: [refSchema({ name: "Vehicle" }), objectSchema()] }) });
const volvo = namedSchema({ name: "Volvo", schema: intersectionSchema({ members: [refSchema({ name: "Car" }), objectSchema()] }) });

describe("narrowDiscriminatedChildren", () => {
  it("returns schemas without a discriminated parent as they are (the very same objects)", () => {
    const out = narrowDiscriminatedChildren({ schemas: [plain, cat] });
    expect(out[0]).toBe(plain);
    expect(out[1]).toBe(cat);
  });

  it("never changes its input, and gives the same copies for the same input (the render memo keys on them)", () => {
    const before = JSON.stringify([pet, cat]);
    const first = narrowDiscriminatedChildren({ schemas: [cat, pet] });
    const second = narrowDiscriminatedChildren({ schemas: [cat, pet] });
    expect(JSON.stringify([pet, cat])).toBe(before);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(first[0]).not.toBe(cat);
    expect(first[0]?.jsonSchema).toEqual({ allOf: [{ $ref: "#/$defs/Pet" }, { type: "object" }, { properties: { kind: { const: "Cat" } }, required: ["kind"] }] });
  });

  it("lets an intermediate child hold its descendants' values, so a grandchild is never unsatisfiable", () => {
    const [outCar, outVehicle, outVolvo] = narrowDiscriminatedChildren({ schemas: [car, vehicle, volvo] });
    const added = (n: typeof outCar) => (n?.jsonSchema as { allOf: unknown[] }).allOf.at(-1);
    expect(added(outCar)).toEqual({ properties: { type: { enum: ["volvo", "Car"] } }, required: ["type"] });
    expect(added(outVolvo)).toEqual({ properties: { type: { const: "volvo" } }, required: ["type"] });
    const mapping = outVehicle?.schema.kind === "object" ? outVehicle.schema.discriminator?.mapping : undefined;
    expect(mapping).toEqual([
      { value: "volvo", schema: "Volvo" },
      { value: "Car", schema: "Car" },
    ]);
  });
});
