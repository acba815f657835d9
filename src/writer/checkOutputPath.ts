import { MANIFEST_FILE, STAGING_DIR } from "./Manifest.js";

/**
 * Why a generator's output path is unacceptable, or undefined when it is fine: it must be relative, `/`-separated,
 * stay inside the output folder and not collide with vx-gen's own bookkeeping files.
 */
export function checkOutputPath(path: string): string | undefined {
  if (acceptedPaths.has(path)) return undefined;
  const problem = pathProblem(path);
  if (problem === undefined) {
    // Bounded: a long-lived `watch` over ever-renamed files must not grow it without end.
    if (acceptedPaths.size >= 100_000) acceptedPaths.clear();
    acceptedPaths.add(path);
  }
  return problem;
}

/** Paths found acceptable already (every run of `watch` checks the same few thousand paths again). */
const acceptedPaths = new Set<string>();

function pathProblem(path: string): string | undefined {
  if (path === "") return "the path is empty";
  if (path.includes("\\")) return "the path uses backslashes; use `/`";
  if (path.startsWith("/") || /^[a-zA-Z]:/.test(path)) return "the path is absolute";
  const segments = path.split("/");
  if (segments.some((s) => s === "" || s === "." || s === "..")) return "the path has an empty, `.` or `..` segment";
  if (path === MANIFEST_FILE || segments[0] === STAGING_DIR) return `the path is reserved for vx-gen (${segments[0]})`;
  if (path.includes("\0")) return "the path contains a NUL character";
  return undefined;
}
