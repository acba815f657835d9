/** Characters after which a `/` starts a regular expression literal rather than a division. */
const beforeRegex = new Set([
  "",
  "(",
  ",",
  "=",
  ":",
  "[",
  "!",
  "&",
  "|",
  "?",
  "{",
  "}",
  ";",
  "+",
  "-",
  "*",
  "%",
  "<",
  ">",
  "~",
  "^",
]);

/**
 * Net bracket depth change of one line of JavaScript and how many closing brackets it starts with, ignoring brackets
 * inside strings, template literals, comments and regular expression literals.
 */
function scanLine(line: string): { leadingCloses: number; delta: number } {
  let delta = 0;
  let leadingCloses = 0;
  let leading = true;
  let previous = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === '"' || c === "'" || c === "`") {
      i++;
      while (i < line.length && line[i] !== c) i += line[i] === "\\" ? 2 : 1;
    } else if (c === "/" && line[i + 1] === "/") {
      break;
    } else if (c === "/" && line[i + 1] === "*") {
      const end = line.indexOf("*/", i + 2);
      i = end < 0 ? line.length : end + 1;
      continue;
    } else if (c === "/" && beforeRegex.has(previous)) {
      let inClass = false;
      i++;
      while (i < line.length && (inClass || line[i] !== "/")) {
        if (line[i] === "\\") i++;
        else if (line[i] === "[") inClass = true;
        else if (line[i] === "]") inClass = false;
        i++;
      }
    } else if (c === "{" || c === "(" || c === "[") delta++;
    else if (c === "}" || c === ")" || c === "]") {
      delta--;
      if (leading) leadingCloses++;
    }
    if (c !== "}" && c !== ")" && c !== "]" && c !== " ") leading = false;
    if (c !== " " && c !== "\t") previous = c === "/" ? "/" : /[A-Za-z0-9_$.]/.test(c) ? "a" : c;
  }
  return { leadingCloses, delta };
}

/**
 * Indents JavaScript printed one statement per line without indentation (Ajv's `code.lines`) by bracket depth:
 * cheap (linear, no parser) and readable; only leading whitespace changes, so the code means exactly the same (it
 * has no multi-line strings). Formatting megabytes of generated validators with prettier took ~30 s on GitHub's spec.
 */
export function indentCode(code: string, unit = "  "): string {
  let depth = 0;
  const out: string[] = [];
  for (const raw of code.split("\n")) {
    const line = raw.trim();
    if (line === "") {
      if (out.length > 0 && out[out.length - 1] !== "") out.push("");
      continue;
    }
    const { leadingCloses, delta } = scanLine(line);
    out.push(unit.repeat(Math.max(0, depth - leadingCloses)) + line);
    depth = Math.max(0, depth + delta);
  }
  return out.join("\n");
}
