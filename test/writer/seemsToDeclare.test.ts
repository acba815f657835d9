import { describe, expect, it } from "vitest";
import { seemsToDeclare } from "../../src/writer/seemsToDeclare.js";

describe("seemsToDeclare", () => {
  it.each([
    ["export async function listPets() {}", true],
    ["export const listPets = async () => 1;", true],
    ["export class listPets {}", true],
    ['export { impl as listPets } from "./impl.js";', true],
    ["export { listPets, other };", true],
    ["export function listPetsV2() {}", false],
    ["const x = listPets();", false],
    ["// listPets is done elsewhere", false],
  ])("%s -> %s", (text, expected) => {
    expect(seemsToDeclare({ text, name: "listPets" })).toBe(expected);
  });

  it("escapes names used as patterns", () => {
    expect(seemsToDeclare({ text: "function a$b() {}", name: "a$b" })).toBe(true);
    expect(seemsToDeclare({ text: "function axb() {}", name: "a.b" })).toBe(false);
  });
});
