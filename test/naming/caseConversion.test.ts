import { describe, expect, it } from "vitest";
import { camelCase, isIdentifier, kebabCase, pascalCase, pluralize, singularize, splitWords } from "../../src/naming/caseConversion.js";

describe("case conversion", () => {
  it.each([
    ["petStore", ["pet", "Store"]],
    ["pet_store", ["pet", "store"]],
    ["pet-store.item", ["pet", "store", "item"]],
    ["HTTPServer", ["HTTP", "Server"]],
    ["v1.PetItem", ["v1", "Pet", "Item"]],
    ["200_response", ["200", "response"]],
    ["", []],
  ])("splitWords(%j)", (input, words) => {
    expect(splitWords(input)).toEqual(words);
  });

  it.each([
    ["pet_store", "PetStore", "petStore", "pet-store"],
    ["HTTPServer", "HTTPServer", "httpServer", "http-server"],
    ["get /pets/{petId}", "GetPetsPetId", "getPetsPetId", "get-pets-pet-id"],
    ["BookAuthor", "BookAuthor", "bookAuthor", "book-author"],
  ])("%j -> %s / %s / %s", (input, pascal, camel, kebab) => {
    expect(pascalCase(input)).toBe(pascal);
    expect(camelCase(input)).toBe(camel);
    expect(kebabCase(input)).toBe(kebab);
  });

  it.each([
    ["book", "books"],
    ["bookAuthor", "bookAuthors"],
    ["category", "categories"],
    ["key", "keys"],
    ["address", "addresses"],
    ["box", "boxes"],
    ["match", "matches"],
    ["person", "people"],
    ["salesPerson", "salesPeople"],
    ["metadata", "metadata"],
  ])("pluralize(%s) = %s", (input, plural) => {
    expect(pluralize(input)).toBe(plural);
  });

  it.each([
    ["tags", "tag"],
    ["categories", "category"],
    ["keys", "key"],
    // civitai's `licenses License[]` was `licensIds`
    ["licenses", "license"],
    ["courses", "course"],
    ["addresses", "address"],
    ["statuses", "status"],
    ["aliases", "alias"],
    ["boxes", "box"],
    ["matches", "match"],
    ["wishes", "wish"],
    ["status", "status"],
  ])("singularize(%s) = %s", (input, singular) => {
    expect(singularize(input)).toBe(singular);
  });

  it.each([
    ["Pet", true],
    ["_x", true],
    ["$x", true],
    ["Café", true],
    ["1pet", false],
    ["pet-store", false],
    ["", false],
  ])("isIdentifier(%j) = %s", (input, valid) => {
    expect(isIdentifier(input)).toBe(valid);
  });
});
