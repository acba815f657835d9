import { AsyncLocalStorage } from "node:async_hooks";

/** Who writes, through what and from where: what an audit event says of the request behind a write. */
export interface AuditActor {
  /** The caller's principal (`principalIdOf`), `null` when anonymous. */
  principalId: string | null;
  /** The operation of the route that wrote, `null` outside a request. */
  operationId: string | null;
  /** The client's address (the framework's, honouring TRUST_PROXY). */
  ip: string | null;
  /** The request id (`x-request-id`). */
  requestId: string | null;
}

/** A write outside any request (a script, a job, a test calling a service). */
export const systemActor: AuditActor = { principalId: null, operationId: null, ip: null, requestId: null };

const actors = new AsyncLocalStorage<AuditActor>();

/** Runs `run` (a route's handler) with `actor` as the author of every write it makes, awaited or not. */
export function runWithAuditActor<T>({ actor, run }: { actor: AuditActor; run: () => Promise<T> }): Promise<T> {
  return actors.run(actor, run);
}

/** The actor of the request under way, or `systemActor`. */
export function currentAuditActor(): AuditActor {
  return actors.getStore() ?? systemActor;
}

/** A principal's id from what one verifier returned: a JWT's `subject`, an API key's `apiKey:<keyId>`, an `id`. */
function idOf(principal: unknown): string | null {
  if (typeof principal !== "object" || principal === null) return null;
  const fields = principal as Record<string, unknown>;
  if (typeof fields.subject === "string") return fields.subject;
  if (typeof fields.keyId === "string") return `apiKey:${fields.keyId}`;
  if (typeof fields.id === "string" || typeof fields.id === "number") return String(fields.id);
  return null;
}

/** The caller's principal id from `context.auth` (the verifiers' results by scheme, in scheme-name order), or `null`. */
export function principalIdOf(auth: Readonly<Record<string, unknown>>): string | null {
  const schemes = Object.keys(auth).sort();
  for (const scheme of schemes) {
    const id = idOf(auth[scheme]);
    if (id !== null) return id;
  }
  return null;
}

/** The actor of a route's request, from its handler context, its operation and its request id. */
export function auditActorOf({
  context,
  operationId,
  requestId,
}: {
  context: { ip: string; auth: Readonly<Record<string, unknown>> };
  operationId: string;
  requestId: string | undefined;
}): AuditActor {
  return {
    principalId: principalIdOf(context.auth),
    operationId,
    ip: context.ip || null,
    requestId: requestId ?? null,
  };
}
