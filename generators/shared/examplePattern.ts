/**
 * A string matching a simple regular expression (anchors, literals, escapes `\d \w \s`, classes, groups with
 * alternatives, quantifiers), or undefined for patterns beyond that. `seed` varies digits and letters, so two seeds
 * give two different strings for unique fields. The result is checked against the pattern before it is returned.
 */
export function examplePattern({ pattern, seed }: { pattern: string; seed: number }): string | undefined {
  let position = 0;
  let counter = seed;
  const next = () => counter++;

  function parseAlternatives(): string | undefined {
    const first = parseSequence();
    while (pattern[position] === "|") {
      position++;
      parseSequence();
    }
    return first;
  }

  function atomClass(): string[] | undefined {
    // at '['
    position++;
    let negate = false;
    if (pattern[position] === "^") {
      negate = true;
      position++;
    }
    const chars: string[] = [];
    while (position < pattern.length && pattern[position] !== "]") {
      let c = pattern[position++] ?? "";
      if (c === "\\") {
        const e = pattern[position++] ?? "";
        if (e === "d") chars.push(..."0123456789");
        else if (e === "w") chars.push(..."abcdefghijklmnopqrstuvwxyz0123456789");
        else if (e === "s") chars.push(" ");
        else chars.push(e);
        continue;
      }
      if (pattern[position] === "-" && pattern[position + 1] !== undefined && pattern[position + 1] !== "]") {
        position++;
        let end = pattern[position++] ?? c;
        if (end === "\\") end = pattern[position++] ?? c;
        const from = c.codePointAt(0) ?? 0;
        const to = end.codePointAt(0) ?? from;
        for (let code = from; code <= to && code - from < 200; code++) chars.push(String.fromCodePoint(code));
        continue;
      }
      c = c === "" ? " " : c;
      chars.push(c);
    }
    position++;
    if (negate) {
      const pool = [..."abcdefghijklmnopqrstuvwxyz0123456789"].filter((c) => !chars.includes(c));
      return pool.length > 0 ? pool : undefined;
    }
    return chars.length > 0 ? chars : undefined;
  }

  function parseSequence(): string | undefined {
    let out = "";
    while (position < pattern.length && pattern[position] !== "|" && pattern[position] !== ")") {
      const c = pattern[position] ?? "";
      let choices: string[] | undefined;
      let group: string | undefined;
      if (c === "^" || c === "$") {
        position++;
        continue;
      } else if (c === "(") {
        position++;
        if (pattern.startsWith("?:", position)) position += 2;
        else if (pattern[position] === "?") return undefined;
        group = parseAlternatives();
        if (pattern[position] !== ")" || group === undefined) return undefined;
        position++;
      } else if (c === "[") {
        choices = atomClass();
        if (!choices) return undefined;
      } else if (c === "\\") {
        const e = pattern[position + 1] ?? "";
        position += 2;
        if (e === "d") choices = [..."0123456789"];
        else if (e === "w") choices = [..."abcdefghijklmnopqrstuvwxyz"];
        else if (e === "s") choices = [" "];
        else if (/[bBpPuxck0-9]/.test(e)) return undefined;
        else choices = [e];
      } else if (c === ".") {
        position++;
        choices = [..."abcdefghijklmnopqrstuvwxyz"];
      } else if ("*+?{".includes(c)) {
        return undefined;
      } else {
        position++;
        choices = [c];
      }
      let min = 1;
      let max = 1;
      const q = pattern[position];
      if (q === "*" || q === "+" || q === "?") {
        position++;
        min = q === "+" ? 1 : 0;
        max = q === "?" ? 1 : min + 2;
      } else if (q === "{") {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(position));
        if (!m?.[1]) return undefined;
        position += m[0].length;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] ? Number(m[3]) : min + 2;
      }
      if (pattern[position] === "?") position++;
      const count = Math.max(min, Math.min(max, 1));
      for (let i = 0; i < count; i++) {
        if (group !== undefined) out += group;
        else if (choices) out += choices[next() % choices.length];
      }
    }
    return out;
  }

  let result: string | undefined;
  try {
    result = parseAlternatives();
    if (position < pattern.length) return undefined;
    if (result === undefined || !new RegExp(pattern, "u").test(result)) return undefined;
  } catch {
    return undefined;
  }
  return result;
}
