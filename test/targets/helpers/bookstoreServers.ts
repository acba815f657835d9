import { afterAll, beforeAll, expect } from "vitest";
import { buildProject, prepareProject, type GeneratedProject } from "./generatedProject.js";
import { startServer, type RunningServer } from "./startServer.js";

/** The built bookstore of one target, and its servers started from outside (`node dist/server.js`). */
export interface BookstoreServers {
  project: () => GeneratedProject;
  /** A server of the built bookstore with `settings` in its environment (stopped after the suite unless stopped). */
  serve: (settings?: Record<string, string>) => Promise<RunningServer>;
  /** Leaves `server` to the test (which stops it, and checks how it exited). */
  release: (server: RunningServer) => void;
}

/**
 * Generates and builds the bookstore for `target` before the suite (its SQLite database `databaseFile`), and stops
 * every server it started after it, one after the other (stopped all at once, on a busy machine, some took longer
 * than stop's 10 s grace), expecting each to exit 0. Ports from `portBase` up, apart per process and target.
 */
export function bookstoreServers({
  name,
  target,
  databaseFile,
  portBase,
  offset,
  patch,
}: {
  name: string;
  target: string;
  databaseFile: string;
  portBase: number;
  offset: number;
  /** Edits the generated project (its own files: scaffolds) before it is built. */
  patch?: (dir: string) => Promise<void>;
}): BookstoreServers {
  let project: GeneratedProject | undefined;
  let env: Record<string, string> = {};
  const servers: RunningServer[] = [];
  const port = portBase + (process.pid % 1000) * 20 + offset;
  let next = 0;
  beforeAll(async () => {
    project = await prepareProject({ name: `${name}-${target}`, openapi: "fixtures/bookstore/openapi.yaml", prisma: "fixtures/bookstore/schema.prisma", target });
    await patch?.(project.dir);
    env = await buildProject({ dir: project.dir, databaseFile });
  }, 300_000);
  afterAll(async () => {
    const codes: (number | null)[] = [];
    for (const running of servers) codes.push(await running.stop());
    expect(codes, servers.map((s) => s.output()).join("\n")).toEqual(servers.map(() => 0));
  });
  const built = (): GeneratedProject => {
    if (project === undefined) throw new Error("the bookstore is not built yet (use it in tests or a later beforeAll)");
    return project;
  };
  return {
    project: built,
    serve: async (settings = {}) => {
      const server = await startServer({ dir: built().dir, port: port + next++, env: { ...env, ...settings } });
      servers.push(server);
      return server;
    },
    release: (server) => {
      servers.splice(servers.indexOf(server), 1);
    },
  };
}
