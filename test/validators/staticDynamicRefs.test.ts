import { describe, expect, test } from "vitest";
import type { SchemaValue } from "../../src/validators/forEachSubschema.js";
import { generateValidatorModule } from "../../src/validators/generateValidatorModule.js";
import { generateValidatorSource } from "../../src/validators/generateValidatorSource.js";
import { staticDynamicRefs } from "../../src/validators/staticDynamicRefs.js";
import type { GeneratedValidator } from "../../src/validators/ValidationIssue.js";
import { loadGenerated, loadValidator } from "./loadGenerated.js";

const compile = (schema: SchemaValue) => loadValidator(generateValidatorSource({ schema, dialect: "draft2020-12" }));

/** A generic list whose items are whatever `#items` dynamically means; the root says strings. */
const typedList: SchemaValue = {
  $id: "https://example.com/root",
  $ref: "list",
  $defs: {
    foo: { $dynamicAnchor: "items", type: "string" },
    list: {
      $id: "list",
      type: "array",
      items: { $dynamicRef: "#items" },
      $defs: { items: { $dynamicAnchor: "items" } },
    },
  },
};

/** One `$dynamicRef`, reached on two ways (through stringList or numberList): its target depends on the way. */
const twoWays: SchemaValue = {
  $id: "https://example.com/main",
  if: { required: ["numbers"] },
  then: { $ref: "numberList" },
  else: { $ref: "stringList" },
  $defs: {
    genericList: {
      $id: "genericList",
      items: { $dynamicRef: "#itemType" },
      $defs: { defaultItemType: { $dynamicAnchor: "itemType" } },
    },
    numberList: {
      $id: "numberList",
      $defs: { t: { $dynamicAnchor: "itemType", type: "number" } },
      $ref: "genericList",
    },
    stringList: {
      $id: "stringList",
      $defs: { t: { $dynamicAnchor: "itemType", type: "string" } },
      $ref: "genericList",
    },
  },
};

describe("staticDynamicRefs: the dynamic scope, followed from the root", () => {
  test("the root declares the anchor: every way leads to it, so the $dynamicRef is a $ref to it", () => {
    const rewritten = staticDynamicRefs({ schema: typedList }) as { $defs: { list: { items: SchemaValue } } };
    expect(rewritten.$defs.list.items).toEqual({ $ref: "https://example.com/root#/$defs/foo" });
  });

  test("the outermost resource entered on the way, not the first one in the document", () => {
    const schema: SchemaValue = {
      $id: "https://example.com/base",
      $ref: "first#/$defs/stuff",
      $defs: {
        first: { $id: "first", $defs: { stuff: { $ref: "second#/$defs/stuff" } } },
        second: {
          $id: "second",
          $defs: { stuff: { $ref: "third#/$defs/stuff" }, length: { $dynamicAnchor: "length", maxLength: 2 } },
        },
        third: {
          $id: "third",
          $defs: { stuff: { $dynamicRef: "#length" }, length: { $dynamicAnchor: "length", maxLength: 3 } },
        },
        unused: { $id: "unused", $defs: { length: { $dynamicAnchor: "length", maxLength: 1 } } },
      },
    };
    const rewritten = staticDynamicRefs({ schema }) as { $defs: { third: { $defs: { stuff: SchemaValue } } } };
    expect(rewritten.$defs.third.$defs.stuff).toEqual({ $ref: "https://example.com/second#/$defs/length" });
  });

  test("left alone: two targets depending on the way, a document entered from others, a reference leaving it", () => {
    expect(staticDynamicRefs({ schema: twoWays })).toEqual(twoWays);
    expect(staticDynamicRefs({ schema: typedList, evaluatedFromRoot: false })).toEqual(typedList);
    const remote = { ...(typedList as object), allOf: [{ $ref: "https://elsewhere.example/x" }] } as SchemaValue;
    expect(staticDynamicRefs({ schema: remote })).toEqual(remote);
  });

  test("generated validators follow the dynamic scope", async () => {
    const validate = await compile(typedList);
    expect(validate(["a", "b"]).valid).toBe(true);
    expect(validate(["a", 1]).valid).toBe(false);
    const leaving = await compile({
      $id: "https://example.com/leaving",
      if: { $id: "first_scope", $defs: { thingy: { $dynamicAnchor: "thingy", type: "number" } } },
      then: {
        $id: "second_scope",
        $ref: "start",
        $defs: { thingy: { $dynamicAnchor: "thingy", type: "null" } },
      },
      $defs: {
        start: { $id: "start", $dynamicRef: "inner_scope#thingy" },
        thingy: { $id: "inner_scope", $dynamicAnchor: "thingy", type: "string" },
      },
    });
    expect(leaving(null).valid).toBe(true);
    expect(leaving("a string").valid).toBe(false);
    expect(leaving(42).valid).toBe(false);
  });

  test("in a module, an entry no other document refers into is followed from its root too", async () => {
    const source = generateValidatorModule({
      schemas: { list: typedList, other: { type: "string" } },
      dialect: "draft2020-12",
    });
    const list = (await loadGenerated(source))["list"] as GeneratedValidator;
    expect(list(["a", "b"]).valid).toBe(true);
    expect(list(["a", 1]).valid).toBe(false);
  });
});
