// The bookstore fixture's generated runtime/secrets.ts (test/golden), where the toolkit compiles and tests runtime/.
export * from "../../../../../test/golden/fastify/bookstore/src/generated/runtime/secrets.js";
