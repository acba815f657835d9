import { describe, expect, it } from "vitest";
import { wrapWords } from "../../src/emit/wrapWords.js";

describe("wrapWords", () => {
  it("breaks at spaces within the width, keeps line breaks, gives a long word its own line", () => {
    expect(wrapWords({ text: "aa bb cc dd", width: 5 })).toEqual(["aa bb", "cc dd"]);
    expect(wrapWords({ text: "aa\nbb cc", width: 80 })).toEqual(["aa", "bb cc"]);
    expect(wrapWords({ text: "a verylongword b", width: 4 })).toEqual(["a", "verylongword", "b"]);
    expect(wrapWords({ text: "", width: 10 })).toEqual([""]);
  });
});
