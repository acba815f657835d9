/**
 * A small Wadler-style layout engine (the algorithm prettier's printer uses, reduced to what generated type modules
 * need). Generators build a `Doc`; `layoutDoc` fits it into a line width. Big generated modules (the types of a spec
 * with a thousand operations: megabytes) are laid out here instead of by prettier, which takes seconds per megabyte.
 */
export type Doc = string | Doc[] | DocCommand;

type DocCommand =
  | { kind: "group"; contents: Doc; breaks: boolean }
  | { kind: "indent"; contents: Doc }
  | { kind: "line"; soft: boolean; hard: boolean }
  | { kind: "ifBreak"; broken: Doc; flat: Doc };

/** A space when its group fits on one line, else a new line at the current indentation. */
export const line: Doc = { kind: "line", soft: false, hard: false };
/** Nothing when its group fits on one line, else a new line at the current indentation. */
export const softline: Doc = { kind: "line", soft: true, hard: false };
/** Always a new line; the groups around it break. */
export const hardline: Doc = { kind: "line", soft: false, hard: true };

function containsHardline(doc: Doc): boolean {
  if (typeof doc === "string") return false;
  if (Array.isArray(doc)) return doc.some(containsHardline);
  switch (doc.kind) {
    case "line":
      return doc.hard;
    case "group":
      return doc.breaks;
    case "indent":
      return containsHardline(doc.contents);
    case "ifBreak":
      return containsHardline(doc.broken) || containsHardline(doc.flat);
  }
}

/** Lays `contents` out on one line if it fits, else breaks its lines (not those of inner groups that fit). */
export function group(contents: Doc): Doc {
  return { kind: "group", contents, breaks: containsHardline(contents) };
}

/** `contents` one level (two spaces) deeper when its lines break. */
export function indent(contents: Doc): Doc {
  return { kind: "indent", contents };
}

/** `broken` when the enclosing group breaks, else `flat`. */
export function ifBreak({ broken, flat = "" }: { broken: Doc; flat?: Doc }): Doc {
  return { kind: "ifBreak", broken, flat };
}

/** `docs` with `separator` between them. */
export function join({ separator, docs }: { separator: Doc; docs: readonly Doc[] }): Doc[] {
  const parts: Doc[] = [];
  docs.forEach((doc, i) => {
    if (i > 0) parts.push(separator);
    parts.push(doc);
  });
  return parts;
}

/**
 * `open` items `close` with `separator` between items: on one line when it fits (`padding` says whether a space pads
 * the inside: `{ a }` vs `[a]`), else one item per line with a trailing separator; always so with `breaks`. The
 * object literals, object types, arrays and blocks of generated code are all this shape.
 */
export function delimitedDoc({
  open,
  close,
  items,
  separator,
  padding = "line",
  breaks = false,
}: {
  open: string;
  close: string;
  items: readonly Doc[];
  separator: string;
  padding?: "line" | "softline";
  breaks?: boolean;
}): Doc {
  const edge = breaks ? hardline : padding === "line" ? line : softline;
  return group([open, indent([edge, join({ separator: [separator, breaks ? hardline : line], docs: items })]), ifBreak({ broken: separator }), edge, close]);
}

type Mode = "flat" | "break";
interface Frame {
  indent: number;
  mode: Mode;
  doc: Doc;
}

/** Whether `next`, then the rest up to its first possible line break, fits in `width` columns. */
function fits({ next, rest, width }: { next: Frame; rest: readonly Frame[]; width: number }): boolean {
  let remaining = width;
  const stack: { mode: Mode; doc: Doc }[] = [next];
  let restIndex = rest.length;
  while (remaining >= 0) {
    let frame = stack.pop();
    if (frame === undefined) {
      if (restIndex === 0) return true;
      const r = rest[--restIndex];
      if (r === undefined) return true;
      frame = { mode: r.mode, doc: r.doc };
    }
    const { mode, doc } = frame;
    if (typeof doc === "string") {
      remaining -= doc.length;
    } else if (Array.isArray(doc)) {
      for (let i = doc.length - 1; i >= 0; i--) stack.push({ mode, doc: doc[i] as Doc });
    } else {
      switch (doc.kind) {
        case "group":
          if (doc.breaks && mode === "break") return true;
          stack.push({ mode: doc.breaks ? "break" : mode, doc: doc.contents });
          break;
        case "indent":
          stack.push({ mode, doc: doc.contents });
          break;
        case "ifBreak":
          stack.push({ mode, doc: mode === "break" ? doc.broken : doc.flat });
          break;
        case "line":
          if (mode === "break" || doc.hard) return true;
          if (!doc.soft) remaining -= 1;
          break;
      }
    }
  }
  return false;
}

/** The text of `doc` laid out in `width` columns (two-space indentation, no trailing spaces). */
export function layoutDoc({ doc, width = 120 }: { doc: Doc; width?: number }): string {
  const out: string[] = [];
  let column = 0;
  const stack: Frame[] = [{ indent: 0, mode: "break", doc }];
  for (;;) {
    const frame = stack.pop();
    if (frame === undefined) break;
    const { indent: level, mode, doc: current } = frame;
    if (typeof current === "string") {
      out.push(current);
      column += current.length;
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ indent: level, mode, doc: current[i] as Doc });
    } else {
      switch (current.kind) {
        case "group": {
          const flat: Frame = { indent: level, mode: "flat", doc: current.contents };
          const fitsFlat = mode === "flat" || (!current.breaks && fits({ next: flat, rest: stack, width: width - column }));
          stack.push(fitsFlat ? flat : { indent: level, mode: "break", doc: current.contents });
          break;
        }
        case "indent":
          stack.push({ indent: level + 2, mode, doc: current.contents });
          break;
        case "ifBreak":
          stack.push({ indent: level, mode, doc: mode === "break" ? current.broken : current.flat });
          break;
        case "line":
          if (mode === "flat" && !current.hard) {
            if (!current.soft) {
              out.push(" ");
              column += 1;
            }
          } else {
            while (out.length > 0 && / +$/.test(out[out.length - 1] ?? "")) out[out.length - 1] = (out[out.length - 1] ?? "").replace(/ +$/, "");
            out.push("\n", " ".repeat(level));
            column = level;
          }
          break;
      }
    }
  }
  return out.join("");
}
