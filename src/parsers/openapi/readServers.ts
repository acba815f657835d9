import type { Server } from "../../ir/types.js";
import type { ReadContext } from "./ReadContext.js";
import { isRecord } from "./jsonPointer.js";

/** 3.x `servers`; Swagger 2.0 `schemes` x `host` + `basePath` (https when no scheme, a relative URL when no host). */
export function readServers({ ctx }: { ctx: ReadContext }): Server[] {
  const root = ctx.root.value;
  if (!isRecord(root)) return [];
  if (ctx.version === "2.0") {
    const basePath = typeof root.basePath === "string" ? root.basePath : "/";
    if (typeof root.host !== "string") return [{ url: basePath, variables: [] }];
    const schemes = Array.isArray(root.schemes) ? root.schemes.filter((s): s is string => typeof s === "string") : [];
    return (schemes.length > 0 ? schemes : ["https"]).map((scheme) => ({ url: `${scheme}://${root.host as string}${basePath === "/" ? "" : basePath}`, variables: [] }));
  }
  if (!Array.isArray(root.servers)) return [];
  const servers: Server[] = [];
  for (const s of root.servers) {
    if (!isRecord(s) || typeof s.url !== "string") continue;
    const server: Server = { url: s.url, variables: [] };
    if (typeof s.description === "string") server.description = s.description;
    if (isRecord(s.variables)) {
      for (const name of Object.keys(s.variables).sort()) {
        const v = s.variables[name];
        if (!isRecord(v)) continue;
        const variable: Server["variables"][number] = { name, default: String(v.default ?? "") };
        if (Array.isArray(v.enum)) variable.enum = v.enum.map(String);
        if (typeof v.description === "string") variable.description = v.description;
        server.variables.push(variable);
      }
    }
    servers.push(server);
  }
  return servers;
}
