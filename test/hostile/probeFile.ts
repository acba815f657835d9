/**
 * A probe test file for a generated project: `it(...)` blocks run by the project's own vitest, with `api` (the test
 * verifiers, which allow) and `locked` (`secure: true`: the project's own verifiers, which deny) around them.
 */
export function probeFile(tests: string): string {
  return `import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestApi, type TestApi } from "./generated/support/testApi.js";

let api: TestApi;
let locked: TestApi;
beforeAll(async () => {
  api = await createTestApi();
  locked = await createTestApi({ secure: true });
});
afterAll(async () => {
  await api.close();
  await locked.close();
});
${tests}`;
}
