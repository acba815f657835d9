import { describe, expect, it } from "vitest";
import { scanDeclarations, seemsToDeclare, seemsToDeclareByRegex } from "../../src/writer/seemsToDeclare.js";

const table: [string, boolean][] = [
  ["export async function listPets() {}", true],
  ["export const listPets = async () => 1;", true],
  ["export class listPets {}", true],
  ['export { impl as listPets } from "./impl.js";', true],
  ["export { listPets, other };", true],
  ["export function listPetsV2() {}", false],
  ["const x = listPets();", false],
  ["// listPets is done elsewhere", false],
];

describe("seemsToDeclare", () => {
  it.each(table)("%s -> %s", (text, expected) => {
    expect(seemsToDeclare({ text, name: "listPets" })).toBe(expected);
    expect(seemsToDeclareByRegex({ text, name: "listPets" })).toBe(expected);
  });

  it("escapes names used as patterns", () => {
    expect(seemsToDeclare({ text: "function a$b() {}", name: "a$b" })).toBe(true);
    expect(seemsToDeclare({ text: "function axb() {}", name: "a.b" })).toBe(false);
  });
});

describe("scanDeclarations (one pass per file) answers as the per-name RegExp", () => {
  const names = ["listPets", "getPet", "x", "as", "const", "_p1", "1a", "a$b", "$x", "café", "Pet"];
  const cases = [
    ...table.map(([text]) => text),
    "const const listPets = 1;",
    "as as getPet, x",
    "export type   Pet\n= {}",
    "function* listPets() {}",
    "function *listPets() {}",
    "export { a, b } const getPet = 1",
    "{ nested { getPet } }",
    "} getPet, {",
    "{ a: listPets }",
    "{ a: listPets; }",
    "{ listPets\n, x }",
    "namespace café {} enum Pet { A, B }",
    "let $x = 1; var a$b = 2; { $x, a$b }",
    "subtype Pet = 1; typeof x; myconst getPet = 2; alias as getPet,",
    "interface _p1 {} const 1a = 2",
    "{ listPetsV2, getPetX }",
    "",
  ];
  it.each(cases)("%j", (text) => {
    const scan = scanDeclarations(text);
    for (const name of names) expect([name, scan.declares(name)]).toEqual([name, seemsToDeclareByRegex({ text, name })]);
  });

  it("agrees on random texts made of declaration-like pieces", () => {
    const pieces = ["{", "}", ",", " ", "\n", "as", "const", "function", "function*", "type", "export", "listPets", "getPet", "x", "=", ";", "(", ")", "$", "é", "a", "_", "//", ":"];
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: 1 + random(30) }, () => pieces[random(pieces.length)]).join(random(2) ? " " : "");
      const scan = scanDeclarations(text);
      for (const name of ["listPets", "getPet", "x", "a", "as", "a_"]) {
        if (scan.declares(name) !== seemsToDeclareByRegex({ text, name })) expect({ text, name, scan: scan.declares(name) }).toBe("equal to the RegExp");
      }
    }
  });
});
