import { childCursor, report, type ReadContext } from "./ReadContext.js";
import type { Cursor } from "./SpecFile.js";

/** The words a description's example of the header may name as the token's scheme (`Token xxxxx.yyyyy.zzzzz`). */
const knownWords = ["Bearer", "Token", "JWT"];

/** A known word, then an example token: `xxxxx.yyyyy`, `<token>`, `{jwt}`, `[token]`, or a JWT itself (`eyJ...`). */
const examplePattern = new RegExp(`\\b(${knownWords.join("|")}) +(?:x{3,}[.\\w]*|<[^<>\\n]{1,40}>|\\{[^{}\\n]{1,40}\\}|\\[[^\\]\\n]{1,40}\\]|eyJ[\\w-]*)`, "i");

/** What a scheme word may be here: letters, digits, `.`, `_`, `-` (a subset of RFC 9110's `token`), short. */
const schemeWord = /^[A-Za-z][A-Za-z0-9._-]{0,31}$/;

/**
 * The authentication scheme word of an API key scheme sent in the `Authorization` header (`Authorization: Token
 * <jwt>`, RealWorld's form): `x-vx-token-scheme`, else the known word (Bearer, Token, JWT) the description shows before
 * an example token. Undefined for any other API key, which stays a key (VX330 when `x-vx-token-scheme` is on one, or
 * is not a scheme word).
 */
export function readTokenScheme({ ctx, cursor, value }: { ctx: ReadContext; cursor: Cursor; value: Record<string, unknown> }): string | undefined {
  const given = value["x-vx-token-scheme"];
  const inAuthorization = value.in === "header" && typeof value.name === "string" && value.name.toLowerCase() === "authorization";
  if (given !== undefined) {
    const at = childCursor({ cursor, segments: ["x-vx-token-scheme"] });
    if (!inAuthorization || value.type !== "apiKey") {
      report({ ctx, code: "VX330", message: "x-vx-token-scheme is ignored: it applies to an apiKey scheme in the Authorization header", at, help: "remove it, or put it on the `type: apiKey, in: header, name: Authorization` scheme" });
      return undefined;
    }
    if (typeof given === "string" && schemeWord.test(given)) return given;
    report({ ctx, code: "VX330", message: "x-vx-token-scheme must be one word, the scheme before the token (`Token`)", at, help: "write `x-vx-token-scheme: Token` for `Authorization: Token <jwt>`" });
    return undefined;
  }
  if (!inAuthorization || value.type !== "apiKey" || typeof value.description !== "string") return undefined;
  const word = examplePattern.exec(value.description)?.[1];
  return word === undefined ? undefined : (knownWords.find((w) => w.toLowerCase() === word.toLowerCase()) ?? word);
}
