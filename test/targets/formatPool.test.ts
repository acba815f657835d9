import { join } from "node:path";
import { format } from "prettier";
import { describe, expect, it } from "vitest";

// The workers run compiled code, so this drives the built module (dist/, rebuilt by the global setup when stale).
type FormatInPool = (input: { text: string; options: { parser: string } & Record<string, unknown> }) => Promise<string>;
const pool = (await import(join(process.cwd(), "dist", "generators", "shared", "formatPool.js"))) as {
  formatInPool: FormatInPool;
  formatPoolSize: () => number;
  formatPoolStats: () => { local: number; pooled: number };
  POOL_THRESHOLD_BYTES: number;
};

describe("the format pool", () => {
  it("formats on worker threads once a run has much to format, with prettier's exact result and errors", async () => {
    const options = { parser: "typescript", printWidth: 120, trailingComma: "all" as const };
    const texts = Array.from({ length: 60 }, (_, i) => `export const value${i} = {a:${i},b:"${"y".repeat(8000)}",  c:[1,2,3]}\n`);
    expect(texts.join("").length).toBeGreaterThan(pool.POOL_THRESHOLD_BYTES);
    const results = await Promise.all(texts.map((text) => pool.formatInPool({ text, options })));
    expect(pool.formatPoolSize()).toBeGreaterThan(0);
    for (const [i, text] of texts.entries()) expect(results[i]).toBe(await format(text, options));
    await expect(pool.formatInPool({ text: "export const = ;", options })).rejects.toThrow();
  }, 60_000);

  it("formats the few pieces of each run of a long session on this thread", async () => {
    // A watch session: many runs, each formatting a piece; together far more than the threshold. The threshold used
    // to count every byte a process ever formatted, and from then on every run waited for the workers.
    const options = { parser: "typescript", printWidth: 120, trailingComma: "all" as const };
    const before = pool.formatPoolStats();
    const piece = (i: number) => `export const run${i} = {a:${i},b:"${"z".repeat(2000)}"}\n`;
    let bytes = 0;
    for (let i = 0; bytes < 2 * pool.POOL_THRESHOLD_BYTES; i++) {
      expect(await pool.formatInPool({ text: piece(i), options })).toBe(await format(piece(i), options));
      bytes += piece(i).length;
    }
    expect(pool.formatPoolStats().pooled).toBe(before.pooled);
  }, 60_000);
});
