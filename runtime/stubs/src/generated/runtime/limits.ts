// The bookstore fixture's generated runtime/limits.ts (test/golden), where the toolkit compiles and tests runtime/.
export * from "../../../../../test/golden/fastify/bookstore/src/generated/runtime/limits.js";
