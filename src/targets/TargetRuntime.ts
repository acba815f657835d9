/**
 * The parts of a request shared code validates and names, whatever the framework calls them (Fastify's `querystring`
 * is `query` here): validators are exported under these names and error details name `path`, `query`, `header`,
 * `cookie` or `body`. A target maps its framework's names onto them in its glue.
 */
export type RequestPart = "params" | "query" | "headers" | "cookies" | "body";

/** An OpenAPI path template in a router's syntax. */
export interface RoutePath {
  /** `/pets/{petId}` -> `/pets/:petId` (literal characters the router reserves escaped). */
  url: string;
  /**
   * Documented path parameter name -> the router's key, for names the router cannot take (not an identifier, or a
   * name plain objects inherit such as `__proto__`). The glue reads router keys and hands parsed parameters to the
   * validators and handlers under their documented names, so shared schemas never see router keys.
   */
  keys: ReadonlyMap<string, string>;
}

/**
 * What differs between web frameworks, and only that: everything else (types, validators compiled at generation time,
 * parameter parsing, repositories, services, handlers, the error format, the test-client contract, the tests) is the
 * shared core's. A target is one folder `generators/<name>/` whose plugin (`TargetPlugin`) renders the shared core
 * and then its glue, described by this contract (see generators/README.md for the walkthrough).
 *
 * The glue must provide, in the generated project:
 * - request-part names: the framework's request mapped onto `RequestPart` before the precompiled validators run;
 * - path syntax: `routePath` for every route (the shared route tables' URLs and router keys), and a runtime loop
 *   registering the tables' rows, answering only documented methods (HEAD on a GET-only path: 405);
 * - the test client: `test/generated/support/testApi.ts` exporting `createTestApi(options)` that returns the
 *   `TestApi` of `test/generated/support/testClient.ts` (shared), so generated tests are framework-free;
 * - response serialization that sends only documented fields, from the response schemas vx-gen wrote
 *   (`validation/responses.json`, read next to the built modules by `runtime/generatedData.ts`: `dist/` runs without `src/`), never
 *   compiling a validator per request;
 * - the error hook: every error the framework or Node raises (bad JSON, too large, wrong media type, unknown route,
 *   wrong method, deep JSON, header overflow, timeout) answers the one error format of `runtime/errors.ts`;
 * - the docs routes: `/openapi.json` (the spec as written) and `/docs` (Swagger UI served from npm, no CDN);
 * - the bootstrap `src/server.ts` (a scaffold) reading `PORT`, `HOST`, `DATABASE_URL`, `BASE_PATH`, `LOG_LEVEL`
 *   and the limits of `runtime/limits.ts`, stopping gracefully on SIGINT/SIGTERM.
 */
export interface TargetRuntime {
  name: string;
  /** npm packages the glue needs in generated projects (the toolkit's own installed versions are written). */
  dependencies: { runtime: string[]; dev: string[] };
  /** npm packages its multipart reader needs, added only to projects whose API takes a `multipart/form-data` body. */
  multipartDependencies: { runtime: string[]; dev: string[] };
  /** The router's path of an OpenAPI path template. */
  routePath(path: string): RoutePath;
}
