import type { IncomingHttpHeaders } from "node:http";
import type { Attributes } from "@opentelemetry/api";
import { InvalidServerSettingsError } from "./serverSettings.js";

/** Where traces go (OTLP over HTTP) and under which service name. */
export interface TracingSettings {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL; spans are sent to `<it>/v1/traces`. */
  endpoint: string;
  /** OTEL_SERVICE_NAME (default `api`): the `service.name` of every span. */
  serviceName: string;
}

/**
 * The tracing settings in `env`: undefined when OTEL_EXPORTER_OTLP_ENDPOINT is unset or empty (no tracing: nothing of
 * OpenTelemetry is loaded); an endpoint that is not an http(s) URL throws `InvalidServerSettingsError` naming it.
 */
export function tracingSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): TracingSettings | undefined {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() ?? "";
  if (endpoint === "") return undefined;
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:"))
    throw new InvalidServerSettingsError(
      `invalid server settings in the environment:\n  OTEL_EXPORTER_OTLP_ENDPOINT=${JSON.stringify(endpoint)}: expected the http:// or https:// URL of an OTLP/HTTP collector`,
    );
  return { endpoint: endpoint.replace(/\/+$/, ""), serviceName: env.OTEL_SERVICE_NAME?.trim() || "api" };
}

/** A request's server span. */
export interface RequestSpan {
  /** Runs `next` (the rest of the request's handling) with the span as the active one: database spans are its children. */
  run: <T>(next: () => T) => T;
  /** Ends the span with the route that answered (its template, undefined for none) and the status. */
  end: (answer: { route: string | undefined; status: number }) => void;
}

/** Tracing while the server runs: a server span per request, and `shutdown` sending the spans left. */
export interface Tracing {
  startRequest: (request: { method: string; url: string; headers: IncomingHttpHeaders }) => RequestSpan;
  shutdown: () => Promise<void>;
}

/** The path of a request target, without its query (which may carry credentials). */
export function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/** A server span's name and attributes at its end (OpenTelemetry's HTTP semantic conventions). */
export function finishedRequest({
  method,
  route,
  status,
}: {
  method: string;
  route: string | undefined;
  status: number;
}): { name: string; attributes: Attributes; error: boolean } {
  return {
    name: route === undefined ? method : `${method} ${route}`,
    attributes: { "http.response.status_code": status, ...(route === undefined ? {} : { "http.route": route }) },
    error: status >= 500,
  };
}

/**
 * Starts tracing: OpenTelemetry's Node tracer provider (registered globally, W3C `traceparent` propagation, the spans
 * batched to `settings.endpoint` + `/v1/traces` over OTLP/HTTP), then each of `instrument` (Prisma's spans). The SDK is
 * imported here, only when tracing is on: a server without OTEL_EXPORTER_OTLP_ENDPOINT never loads it.
 */
export async function startTracing({
  settings,
  instrument = [],
}: {
  settings: TracingSettings;
  instrument?: readonly (() => Promise<void>)[];
}): Promise<Tracing> {
  const [api, node, otlp, resources] = await Promise.all([
    import("@opentelemetry/api"),
    import("@opentelemetry/sdk-trace-node"),
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/resources"),
  ]);
  const exporter = new otlp.OTLPTraceExporter({ url: `${settings.endpoint}/v1/traces` });
  const provider = new node.NodeTracerProvider({
    resource: resources.resourceFromAttributes({ "service.name": settings.serviceName }),
    spanProcessors: [new node.BatchSpanProcessor(exporter)],
  });
  provider.register();
  for (const enable of instrument) await enable();
  const tracer = api.trace.getTracer("vx-gen-server");
  return {
    startRequest: ({ method, url, headers }) => {
      const parent = api.propagation.extract(api.ROOT_CONTEXT, headers);
      const span = tracer.startSpan(
        method,
        { kind: api.SpanKind.SERVER, attributes: { "http.request.method": method, "url.path": pathOf(url) } },
        parent,
      );
      const active = api.trace.setSpan(parent, span);
      return {
        run: (next) => api.context.with(active, next),
        end: ({ route, status }) => {
          const finished = finishedRequest({ method, route, status });
          span.updateName(finished.name);
          span.setAttributes(finished.attributes);
          if (finished.error) span.setStatus({ code: api.SpanStatusCode.ERROR });
          span.end();
        },
      };
    },
    shutdown: () => provider.shutdown(),
  };
}
