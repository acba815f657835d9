import { existsSync } from "node:fs";

/**
 * Whether an input the tests read from outside the repository (`../shared/corpus`, `../shared/jsts`, a large spec
 * shipped by a package) is there. When it is not, the tests that need it are skipped and the reason is printed; under
 * `CI=true` a missing `../shared` input fails the run instead (throwing here fails the test file), so a green CI
 * never means "skipped". `optional` inputs (not laid out in CI either) are only reported.
 */
export function sharedInputPresent({ path, what, optional = false }: { path: string; what: string; optional?: boolean }): boolean {
  if (existsSync(path)) return true;
  const reason = `${what}: ${path} is missing`;
  if (process.env.CI === "true" && !optional) throw new Error(`${reason}; CI=true needs it (a skipped suite is not a passed one)`);
  console.warn(`skipped, ${reason}`);
  return false;
}
