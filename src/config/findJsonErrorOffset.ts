/**
 * The offset of the first syntax error in a JSON text (which JSON.parse does not always report in Node 20), by a
 * small recursive-descent scan of the JSON grammar. Only called after JSON.parse failed; returns the text length when
 * the text ends too early.
 */
export function findJsonErrorOffset(text: string): number {
  let pos = 0;
  class Stop extends Error {}
  const fail = (): never => {
    throw new Stop();
  };
  const ws = () => {
    while (pos < text.length && " \t\n\r".includes(text.charAt(pos))) pos++;
  };
  const expect = (c: string) => (text.charAt(pos) === c ? pos++ : fail());
  const string = () => {
    expect('"');
    while (pos < text.length) {
      const c = text.charAt(pos);
      if (c === '"') {
        pos++;
        return;
      }
      if (c === "\\") {
        pos++;
        const e = text.charAt(pos);
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 1, pos + 5))) fail();
          pos += 5;
        } else if ('"\\/bfnrt'.includes(e) && e !== "") pos++;
        else fail();
      } else if (c.charCodeAt(0) < 0x20) fail();
      else pos++;
    }
    fail();
  };
  const value = (): void => {
    ws();
    const c = text.charAt(pos);
    if (c === "{") {
      pos++;
      ws();
      if (text.charAt(pos) === "}") {
        pos++;
        return;
      }
      for (;;) {
        ws();
        string();
        ws();
        expect(":");
        value();
        ws();
        if (text.charAt(pos) === ",") pos++;
        else return void expect("}");
      }
    }
    if (c === "[") {
      pos++;
      ws();
      if (text.charAt(pos) === "]") {
        pos++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text.charAt(pos) === ",") pos++;
        else return void expect("]");
      }
    }
    if (c === '"') return string();
    const literal = /^(true|false|null|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)/.exec(text.slice(pos, pos + 400));
    if (!literal) fail();
    pos += literal?.[0].length ?? 0;
  };
  try {
    value();
    ws();
    if (pos < text.length) fail();
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  return Math.min(pos, text.length);
}
