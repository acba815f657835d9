import type { SecurityVerifier, VerifierSetup } from "../security/types.js";
import { InvalidAuthSettingsError, type AuthSettingProblem } from "./authSettings.js";
import { defaultVerifier, type SchemeDefault, type VerifierHooks } from "./defaultVerifier.js";
import { denyVerifier } from "./defaultVerifiers.js";

export type { SchemeDefault, VerifierHooks } from "./defaultVerifier.js";

/** A verifier per scheme, each letting in its scheme's principal (`Principals`: scheme name -> principal type). */
export type VerifiersOf<Principals> = { [Scheme in keyof Principals]: SecurityVerifier<Principals[Scheme]> };

/**
 * Every scheme's verifier: `given` (in code) as it is; for each scheme an operation requires, its setup (the user's
 * file in src/security/) handed a `generated()` that builds vx-gen's default from `env`; a scheme no operation
 * requires denies. Schemes whose defaults are the same share one default verifier. Settings are read only when a
 * setup calls `generated()`; every missing or weak one of all the schemes is reported at once, in one
 * `InvalidAuthSettingsError` naming the variables. `Principals` is who each scheme's setup lets in.
 */
export function createVerifiers<Principals extends object>({
  defaults,
  setups,
  used,
  env,
  given,
  hooks = {},
}: {
  defaults: Readonly<Record<keyof Principals & string, SchemeDefault>>;
  /**
   * Each scheme's setup, taking the default its `generated()` builds (verifiers.ts has tsc check each setup against
   * its scheme's default principal, so the `never` here is what the setup is handed, not what it gets).
   */
  setups: { readonly [Scheme in keyof Principals]: VerifierSetup<Principals[Scheme], never> };
  used: readonly (keyof Principals & string)[];
  env: Readonly<Record<string, string | undefined>>;
  given: Partial<VerifiersOf<Principals>>;
  /** The accounts' revocation check and password check, when the project has accounts. */
  hooks?: VerifierHooks;
}): VerifiersOf<Principals> {
  type K = keyof Principals & string;
  // No prototype: a scheme may be named `__proto__` (an own property here, never the object's prototype).
  const verifiers = Object.create(null) as Record<K, SecurityVerifier>;
  const problems: AuthSettingProblem[] = [];
  const required = new Set<K>(used);
  const built = new Map<string, SecurityVerifier>();
  const replacements: Partial<Record<K, SecurityVerifier>> = given;
  const setupOf = (scheme: K): VerifierSetup<unknown, never> => setups[scheme];
  for (const scheme of Object.keys(defaults) as K[]) {
    const replacement = Object.hasOwn(replacements, scheme) ? replacements[scheme] : undefined;
    if (replacement !== undefined) {
      verifiers[scheme] = replacement;
      continue;
    }
    if (!required.has(scheme)) {
      verifiers[scheme] = denyVerifier({ message: `${scheme} is not required by any operation` });
      continue;
    }
    const generated = (): SecurityVerifier<never> => {
      // Schemes with the same default share one verifier: one JWT authenticator (settings parsed, keys fetched and
      // cached once) for an HTTP bearer and an OAuth 2 scheme alike.
      const key = JSON.stringify(defaults[scheme]);
      const verifier = built.get(key) ?? defaultVerifier({ scheme: defaults[scheme], env, hooks });
      built.set(key, verifier);
      // The default of the scheme's kind lets in that kind's principal (principals.ts), the type its setup takes.
      return verifier as SecurityVerifier<never>;
    };
    try {
      verifiers[scheme] = setupOf(scheme)(generated);
    } catch (error) {
      if (!(error instanceof InvalidAuthSettingsError)) throw error;
      for (const found of error.problems)
        if (!problems.some((p) => p.variable === found.variable && p.problem === found.problem)) problems.push(found);
    }
  }
  if (problems.length > 0) throw new InvalidAuthSettingsError(problems);
  // Each verifier is the scheme's own (given, or its setup's): it lets in the scheme's principal.
  return verifiers as VerifiersOf<Principals>;
}
