import type { SecurityRequirement, SecurityScheme } from "../../ir/types.js";
import { childCursor, report, sourceOf, type ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";
import { derefCursor } from "./derefCursor.js";
import { isRecord } from "./jsonPointer.js";
import { readTokenScheme } from "./readTokenScheme.js";

const swaggerFlows: Record<string, string> = { implicit: "implicit", password: "password", application: "clientCredentials", accessCode: "authorizationCode" };

/** Security schemes (3.x `components/securitySchemes`, Swagger `securityDefinitions`), sorted by name. */
export function readSecuritySchemes({ ctx }: { ctx: ReadContext }): SecurityScheme[] {
  const rootCursor: Cursor = { file: ctx.root, pointer: "", value: ctx.root.value };
  const section = ctx.version === "2.0" ? childCursor({ cursor: rootCursor, segments: ["securityDefinitions"] }) : childCursor({ cursor: rootCursor, segments: ["components", "securitySchemes"] });
  if (!isRecord(section.value)) return [];
  const schemes: SecurityScheme[] = [];
  for (const name of Object.keys(section.value).sort()) {
    const at = derefCursor({ ctx, cursor: childCursor({ cursor: section, segments: [name] }) });
    if (!at || !isRecord(at.value)) continue;
    const s = at.value;
    const source = sourceOf(at);
    const description = typeof s.description === "string" ? { description: s.description } : {};
    if (s.type === "apiKey" && typeof s.name === "string" && (s.in === "query" || s.in === "header" || s.in === "cookie")) {
      const tokenScheme = readTokenScheme({ ctx, cursor: at, value: s });
      schemes.push({ kind: "apiKey", name, paramName: s.name, in: s.in, ...(tokenScheme === undefined ? {} : { tokenScheme }), ...description, source });
    } else if (s.type === "basic") {
      schemes.push({ kind: "http", name, scheme: "basic", ...description, source });
    } else if (s.type === "http" && typeof s.scheme === "string") {
      schemes.push({ kind: "http", name, scheme: s.scheme.toLowerCase(), ...(typeof s.bearerFormat === "string" ? { bearerFormat: s.bearerFormat } : {}), ...description, source });
    } else if (s.type === "oauth2") {
      const flows: Extract<SecurityScheme, { kind: "oauth2" }>["flows"] = [];
      const flowEntries: [string, unknown][] = ctx.version === "2.0" ? [[swaggerFlows[String(s.flow)] ?? String(s.flow), s]] : isRecord(s.flows) ? Object.entries(s.flows).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
      for (const [flow, f] of flowEntries) {
        if (!isRecord(f)) continue;
        const entry: (typeof flows)[number] = { flow, scopes: isRecord(f.scopes) ? Object.keys(f.scopes).sort() : [] };
        if (typeof f.authorizationUrl === "string") entry.authorizationUrl = f.authorizationUrl;
        if (typeof f.tokenUrl === "string") entry.tokenUrl = f.tokenUrl;
        if (typeof f.refreshUrl === "string") entry.refreshUrl = f.refreshUrl;
        flows.push(entry);
      }
      schemes.push({ kind: "oauth2", name, flows, ...description, source });
    } else if (s.type === "openIdConnect" && typeof s.openIdConnectUrl === "string") {
      schemes.push({ kind: "openIdConnect", name, openIdConnectUrl: s.openIdConnectUrl, ...description, source });
    } else if (s.type === "mutualTLS") {
      schemes.push({ kind: "mutualTLS", name, ...description, source });
    } else {
      report({ ctx, code: "VX112", message: `security scheme "${name}" has an unknown or incomplete type`, at });
    }
  }
  return schemes;
}

/** A `security` array (operation's or document's); VX114 for a scheme name that is not defined. */
export function readSecurityRequirements({ ctx, cursor, defined }: { ctx: ReadContext; cursor: Cursor; defined: ReadonlySet<string> }): SecurityRequirement[] {
  if (!Array.isArray(cursor.value)) return [];
  return cursor.value.map((requirement, i) => {
    if (!isRecord(requirement)) return { schemes: [] };
    return {
      // The schemes of one requirement all apply together: sorted, so the order the spec lists them in changes nothing.
      schemes: Object.keys(requirement).sort().map((name) => {
        if (!defined.has(name)) {
          report({ ctx, code: "VX114", message: `security requirement names "${name}", which is not a defined security scheme`, at: childCursor({ cursor, segments: [i, name] }) });
        }
        const scopes = requirement[name];
        return { name, scopes: Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === "string") : [] };
      }),
    };
  });
}
