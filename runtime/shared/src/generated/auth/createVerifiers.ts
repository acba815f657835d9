import type { SecurityVerifier, VerifierSetup } from "../security/types.js";
import { InvalidAuthSettingsError, type AuthSettingProblem } from "./authSettings.js";
import { defaultVerifier, type SchemeDefault, type VerifierHooks } from "./defaultVerifier.js";
import { denyVerifier } from "./defaultVerifiers.js";

export type { SchemeDefault, VerifierHooks } from "./defaultVerifier.js";

/**
 * Every scheme's verifier: `given` (in code) as it is; for each scheme an operation requires, its setup (the user's
 * file in src/security/) handed a `generated()` that builds vx-gen's default from `env`; a scheme no operation
 * requires denies. Schemes whose defaults are the same share one default verifier. Settings are read only when a
 * setup calls `generated()`; every missing or weak one of all the schemes is reported at once, in one
 * `InvalidAuthSettingsError` naming the variables.
 */
export function createVerifiers<K extends string>({
  defaults,
  setups,
  used,
  env,
  given,
  hooks = {},
}: {
  defaults: Readonly<Record<K, SchemeDefault>>;
  setups: Readonly<Record<K, VerifierSetup>>;
  used: readonly K[];
  env: Readonly<Record<string, string | undefined>>;
  given: Partial<Record<K, SecurityVerifier>>;
  /** The accounts' revocation check and password check, when the project has accounts. */
  hooks?: VerifierHooks;
}): Record<K, SecurityVerifier> {
  // No prototype: a scheme may be named `__proto__` (an own property here, never the object's prototype).
  const verifiers = Object.create(null) as Record<K, SecurityVerifier>;
  const problems: AuthSettingProblem[] = [];
  const required = new Set<K>(used);
  const built = new Map<string, SecurityVerifier>();
  for (const scheme of Object.keys(defaults) as K[]) {
    const replacement = Object.hasOwn(given, scheme) ? given[scheme] : undefined;
    if (replacement !== undefined) {
      verifiers[scheme] = replacement;
      continue;
    }
    if (!required.has(scheme)) {
      verifiers[scheme] = denyVerifier({ message: `${scheme} is not required by any operation` });
      continue;
    }
    const generated = (): SecurityVerifier => {
      // Schemes with the same default share one verifier: one JWT authenticator (settings parsed, keys fetched and
      // cached once) for an HTTP bearer and an OAuth 2 scheme alike.
      const key = JSON.stringify(defaults[scheme]);
      const verifier = built.get(key) ?? defaultVerifier({ scheme: defaults[scheme], env, hooks });
      built.set(key, verifier);
      return verifier;
    };
    try {
      verifiers[scheme] = setups[scheme](generated);
    } catch (error) {
      if (!(error instanceof InvalidAuthSettingsError)) throw error;
      for (const found of error.problems)
        if (!problems.some((p) => p.variable === found.variable && p.problem === found.problem)) problems.push(found);
    }
  }
  if (problems.length > 0) throw new InvalidAuthSettingsError(problems);
  return verifiers;
}
