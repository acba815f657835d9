import { readFileSync } from "node:fs";
import { createSecureContext } from "node:tls";
import { InvalidServerSettingsError } from "./serverSettings.js";

/** The certificate chain and private key the server answers HTTPS with (PEM). */
export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/** The file a variable names, or a problem naming the variable (never the file's content). */
function readSetting({ name, path, problems }: { name: string; path: string; problems: string[] }): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    problems.push(`${name}=${JSON.stringify(path)}: the file cannot be read (${code})`);
    return undefined;
  }
}

/** Whether `cert` and `key` make a TLS context (PEM, a key matching the certificate); else the problem. */
function unusable(files: TlsFiles): string | undefined {
  try {
    createSecureContext(files);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : "unknown error";
    return `TLS_CERT_FILE and TLS_KEY_FILE are not a usable certificate and private key (${reason})`;
  }
}

/**
 * HTTPS from TLS_CERT_FILE (the certificate chain, PEM) and TLS_KEY_FILE (its private key, PEM): both or neither
 * (neither, or both empty: plain HTTP, undefined). One without the other, a file that cannot be read, or a pair that is
 * not a certificate and its key throws `InvalidServerSettingsError` naming the variables.
 */
export function tlsFilesFromEnv(env: Readonly<Record<string, string | undefined>>): TlsFiles | undefined {
  const certPath = env.TLS_CERT_FILE?.trim() ?? "";
  const keyPath = env.TLS_KEY_FILE?.trim() ?? "";
  if (certPath === "" && keyPath === "") return undefined;
  const problems: string[] = [];
  if (certPath === "" || keyPath === "")
    problems.push(
      `${certPath === "" ? "TLS_CERT_FILE" : "TLS_KEY_FILE"} is not set: TLS_CERT_FILE and TLS_KEY_FILE go together`,
    );
  else {
    const cert = readSetting({ name: "TLS_CERT_FILE", path: certPath, problems });
    const key = readSetting({ name: "TLS_KEY_FILE", path: keyPath, problems });
    const problem = cert === undefined || key === undefined ? undefined : unusable({ cert, key });
    if (problem !== undefined) problems.push(problem);
    if (problems.length === 0 && cert !== undefined && key !== undefined) return { cert, key };
  }
  throw new InvalidServerSettingsError(`invalid server settings in the environment:\n  ${problems.join("\n  ")}`);
}
