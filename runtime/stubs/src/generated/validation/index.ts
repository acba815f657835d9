// The bookstore fixture's generated validation/index.ts (test/golden), where the toolkit compiles and tests runtime/.
export * from "../../../../../test/golden/fastify/bookstore/src/generated/validation/index.js";
