import { describe, expect, it } from "vitest";
import { benchSettingsFromEnv, InvalidBenchSettingsError } from "../../../src/generated/bench/benchSettings.js";

// src/generated/bench/benchSettings.ts: BENCH_* variables, defaults, and a message naming each malformed one.

describe("benchSettingsFromEnv", () => {
  it("defaults to reads only, 5 s and 10 connections per operation, a 500 ms p95 budget, its own server", () => {
    expect(benchSettingsFromEnv({})).toEqual({
      url: undefined,
      durationSeconds: 5,
      connections: 10,
      writes: false,
      databaseUrl: undefined,
      authorization: undefined,
      operations: undefined,
      p95BudgetMs: 500,
    });
  });

  it("reads every variable", () => {
    const settings = benchSettingsFromEnv({
      BENCH_URL: "https://api.example.com/",
      BENCH_DURATION: "2",
      BENCH_CONNECTIONS: "50",
      BENCH_WRITES: "on",
      BENCH_AUTHORIZATION: "Bearer abc",
      BENCH_OPERATIONS: "listBooks, getBook",
      BENCH_P95_BUDGET: "200",
    });
    expect(settings).toMatchObject({
      url: "https://api.example.com",
      durationSeconds: 2,
      connections: 50,
      writes: true,
      authorization: "Bearer abc",
      operations: ["listBooks", "getBook"],
      p95BudgetMs: 200,
    });
  });

  it("names every malformed variable", () => {
    const read = () =>
      benchSettingsFromEnv({
        BENCH_URL: "ftp://x",
        BENCH_DURATION: "0",
        BENCH_CONNECTIONS: "ten",
        BENCH_WRITES: "yes",
      });
    expect(read).toThrow(InvalidBenchSettingsError);
    expect(read).toThrow(
      /BENCH_URL="ftp:\/\/x"[\s\S]*BENCH_DURATION="0"[\s\S]*BENCH_CONNECTIONS="ten"[\s\S]*BENCH_WRITES="yes"/,
    );
  });

  it("refuses writes on the bench's own server without a scratch database", () => {
    expect(() => benchSettingsFromEnv({ BENCH_WRITES: "on" })).toThrow(/BENCH_DATABASE_URL/);
    expect(benchSettingsFromEnv({ BENCH_WRITES: "on", BENCH_DATABASE_URL: "file:./bench.db" }).databaseUrl).toBe(
      "file:./bench.db",
    );
  });
});
