import { describe, expect, it } from "vitest";
import { createIdleCollector } from "../../src/cli/idleCollector.js";

/** Registries kept alive until their callback ran (a collected registry never calls back). */
const registries: FinalizationRegistry<string>[] = [];

/** Resolves once the object `register` registers is collected; a FinalizationRegistry calls back only after a collection. */
function collected(register: (registry: FinalizationRegistry<string>) => void): Promise<string> {
  return new Promise((resolve) => {
    const registry = new FinalizationRegistry<string>((held) => resolve(held));
    registries.push(registry);
    register(registry);
  });
}

describe("createIdleCollector", () => {
  it("collects garbage a moment after schedule", async () => {
    const done = collected((registry) => registry.register({ big: new Array(1000).fill(0) }, "dropped"));
    const idle = createIdleCollector({ delayMs: 10 });
    idle.schedule();
    const outcome = await Promise.race([done, new Promise((resolve) => setTimeout(() => resolve("not collected"), 2000))]);
    expect(outcome).toBe("dropped");
  });

  it("does nothing once cancelled", async () => {
    let calls = 0;
    const idle = createIdleCollector({ delayMs: 10, collect: () => calls++ });
    idle.schedule();
    idle.cancel();
    idle.cancel();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(calls).toBe(0);
    // The same collector, scheduled twice and left alone, collects once.
    idle.schedule();
    idle.schedule();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(calls).toBe(1);
  });
});
