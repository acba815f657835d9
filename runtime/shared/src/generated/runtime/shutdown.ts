import type { Server } from "node:http";

/** How a drain ended: every request under way answered, or connections closed when the time was up. */
export type DrainOutcome = "drained" | "forced";

/**
 * Stops `server` gracefully: `close` stops accepting connections and resolves once the requests under way are answered
 * (Node closes idle keep-alive connections at once; a keep-alive connection whose request is answered meanwhile is
 * closed as soon as it is idle, and a request arriving on it is answered with `Connection: close`). If that takes
 * longer than `timeout` milliseconds, every connection still open is closed (its request unanswered) and the drain
 * ends `forced`.
 */
export async function drainServer({
  server,
  close,
  timeout,
}: {
  server: Server;
  /** Stops the server (`app.close()` for Fastify, `server.close()` for a Node server) and resolves when it has. */
  close: () => Promise<void>;
  timeout: number;
}): Promise<DrainOutcome> {
  server.on("request", (_request, response: { setHeader: (name: string, value: string) => unknown }) => {
    response.setHeader("connection", "close");
  });
  // Node closes idle connections once, when closing starts; those answered later would be kept alive until they timed out.
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<DrainOutcome>((resolve) => {
    timer = setTimeout(() => resolve("forced"), timeout);
  });
  const closing = close().then((): DrainOutcome => "drained");
  try {
    const outcome = await Promise.race([closing, late]);
    if (outcome === "forced") {
      server.closeAllConnections();
      await closing;
    }
    return outcome;
  } finally {
    clearTimeout(timer);
    clearInterval(idle);
  }
}

/** A Node server's `close`, as a promise (resolved when every connection has closed). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
