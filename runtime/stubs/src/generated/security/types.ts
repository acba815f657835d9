// The bookstore fixture's generated security/types.ts (test/golden), where the toolkit compiles and tests runtime/.
export * from "../../../../../test/golden/fastify/bookstore/src/generated/security/types.js";
