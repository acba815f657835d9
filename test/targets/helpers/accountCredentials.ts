import type { IrDocument } from "../../../src/ir/types.js";

/**
 * The headers of a signed-in caller of a started server with accounts (`x-vx-auth: user`): an account registered and
 * logged in through the server's own routes (`authRegister`, `authLogin`), its access token under the accounts' scheme
 * word (`Authorization: Bearer <token>`, or the spec's own, `Token <token>`). Undefined for a project without accounts.
 */
export async function accountCredentials({ ir, url, basePath }: { ir: IrDocument; url: string; basePath: string }): Promise<Record<string, string> | undefined> {
  const accounts = ir.accounts;
  const route = (action: string) => ir.api?.operations.find((op) => op.binding.kind === "accounts" && op.binding.action === action)?.path;
  const [register, login] = [route("register"), route("login")];
  if (!accounts || register === undefined || login === undefined) return undefined;
  const identifier = accounts.identifierIsEmail ? "conformance@example.com" : "conformance";
  const password = "conformance password 1";
  const enumFirst = (name: string) => ir.db?.enums.find((e) => e.name === name)?.values[0]?.name;
  const fields = Object.fromEntries(
    accounts.registerFields.map((c) => [c.field, c.isEnum ? enumFirst(c.type) : ["Int", "Float", "Decimal", "BigInt"].includes(c.type) ? 1 : c.type === "Boolean" ? true : c.type === "DateTime" ? "2024-01-01T00:00:00.000Z" : "conformance"]),
  );
  const post = (path: string, body: unknown) => fetch(`${url}${basePath}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const registered = await post(register, { [accounts.identifier.field]: identifier, password, ...fields });
  if (registered.status !== 201 && registered.status !== 200) throw new Error(`registering the conformance account answered ${registered.status}: ${await registered.text()}`);
  const answer = await post(login, { [accounts.identifier.field]: identifier, password });
  const tokens = (await answer.json()) as { accessToken?: unknown };
  if (typeof tokens.accessToken !== "string") throw new Error(`logging the conformance account in answered ${answer.status}: ${JSON.stringify(tokens)}`);
  return { authorization: `${accounts.tokenScheme} ${tokens.accessToken}` };
}
