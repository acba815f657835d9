import { parseArgs } from "node:util";
import { InvalidApiKeyInputError, type ApiKeyTable, type ApiKeyView, type IssuedApiKey } from "./apiKeyTable.js";

/** How `npm run api-keys` is used (printed for `help` and after a mistake). */
export const apiKeysUsage = `usage: npm run api-keys -- <command>
  create --name <name> [--scopes a,b] [--roles r1,r2] [--owner <user id>] [--expires 30d|<ISO date>]
  list [--json]
  rotate <id>     a new secret for the key; the old one stops working
  revoke <id>     the key stops working
The key is printed once, by create and rotate: only its SHA-256 digest is stored.`;

const units: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30d`, `12h`, `90m`, `3600s` from `now`, or an ISO date; undefined when it is neither, or not in the future. */
export function expiryOf({ text, now }: { text: string; now: number }): Date | undefined {
  const relative = /^([1-9][0-9]{0,5})([smhd])$/.exec(text);
  const at = relative ? now + Number(relative[1]) * (units[relative[2] ?? "s"] ?? 0) : Date.parse(text);
  return Number.isFinite(at) && at > now ? new Date(at) : undefined;
}

function listOf(text: string | undefined): string[] {
  return text === undefined
    ? []
    : text
        .split(",")
        .map((part) => part.trim())
        .filter((part) => part !== "");
}

function describe(view: ApiKeyView): string {
  const state =
    view.revokedAt !== null
      ? `revoked ${view.revokedAt}`
      : view.expiresAt !== null
        ? `expires ${view.expiresAt}`
        : "no expiry";
  return [
    view.id,
    view.prefix,
    view.name,
    `owner=${view.ownerId ?? "-"}`,
    `scopes=${view.scopes.join(",") || "-"}`,
    `roles=${view.roles.join(",") || "-"}`,
    `created ${view.createdAt}`,
    `last used ${view.lastUsedAt ?? "never"}`,
    state,
  ].join("\t");
}

function issued({ made, print }: { made: IssuedApiKey; print: (line: string) => void }): void {
  print(describe(made.view));
  print("");
  print(made.key);
  print("");
  print("Store the key now: it is shown this once, and only its digest is kept.");
}

/**
 * `npm run api-keys -- <command>` on `table`: create, list, rotate or revoke the keys of `VxApiKey`. Returns the exit
 * code (0 done, 1 not found, 2 a usage mistake); `print` and `fail` write standard output and error.
 */
export async function runApiKeysCommand({
  args,
  table,
  print,
  fail,
  now = Date.now(),
}: {
  args: readonly string[];
  table: ApiKeyTable;
  print: (line: string) => void;
  fail: (line: string) => void;
  now?: number;
}): Promise<number> {
  const usage = (problem: string) => {
    fail(problem);
    fail(apiKeysUsage);
    return 2;
  };
  let parsed: ReturnType<typeof parseCommand>;
  try {
    parsed = parseCommand(args);
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  const { command, id, values } = parsed;
  switch (command) {
    case "create": {
      if (values.name === undefined) return usage("create needs --name");
      const expiresAt = values.expires === undefined ? null : expiryOf({ text: values.expires, now });
      if (expiresAt === undefined) return usage("--expires is a duration (30d, 12h, 90m) or a future ISO date");
      try {
        const made = await table.create({
          name: values.name,
          scopes: listOf(values.scopes),
          roles: listOf(values.roles),
          ownerId: values.owner ?? null,
          expiresAt,
        });
        issued({ made, print });
        return 0;
      } catch (error) {
        if (error instanceof InvalidApiKeyInputError) return usage(error.message);
        throw error;
      }
    }
    case "list": {
      const views = await table.list();
      if (values.json === true) print(JSON.stringify(views, null, 2));
      else for (const view of views) print(describe(view));
      return 0;
    }
    case "rotate":
    case "revoke": {
      if (id === undefined) return usage(`${command} needs the key's id`);
      const done = command === "rotate" ? await table.rotate(id) : await table.revoke(id);
      if (done === undefined) {
        fail(`no ${command === "rotate" ? "active " : ""}API key ${id}`);
        return 1;
      }
      if ("key" in done) issued({ made: done, print });
      else print(describe(done));
      return 0;
    }
    case "help":
      print(apiKeysUsage);
      return 0;
    default:
      return usage(command === undefined ? "no command" : `unknown command ${command}`);
  }
}

function parseCommand(args: readonly string[]) {
  const { positionals, values } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: "string" },
      scopes: { type: "string" },
      roles: { type: "string" },
      owner: { type: "string" },
      expires: { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (positionals.length > 2) throw new Error(`unexpected ${positionals.slice(2).join(" ")}`);
  return { command: positionals[0], id: positionals[1], values };
}
