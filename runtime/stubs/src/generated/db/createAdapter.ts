// The bookstore fixture's generated db/createAdapter.ts (test/golden), where the toolkit compiles and tests runtime/.
export * from "../../../../../test/golden/fastify/bookstore/src/generated/db/createAdapter.js";
