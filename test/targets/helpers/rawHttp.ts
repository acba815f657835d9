import { connect } from "node:net";

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the first byte sent to the connection's end. */
  ms: number;
}

/** `HTTP/1.1 431 ...\r\nname: value\r\n\r\nbody` -> status, lower-case headers, body (`status` 0 when nothing came back). */
function parseResponse(text: string): Omit<RawResponse, "ms"> {
  const end = text.indexOf("\r\n\r\n");
  const head = end < 0 ? text : text.slice(0, end);
  const [statusLine = "", ...lines] = head.split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: end < 0 ? "" : text.slice(end + 4) };
}

/**
 * Sends bytes fetch cannot send (a URL that is not valid percent-encoding, a malformed Content-Length, a body that
 * never completes) over a plain socket, and reads until the server closes the connection or `timeoutMs` passes.
 */
export function rawRequest({ url, text, timeoutMs = 10_000 }: { url: string; text: string; timeoutMs?: number }): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let received = "";
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("utf8")));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ ...parseResponse(received), ms: Math.round(performance.now() - started) });
    });
    socket.write(text);
  });
}
