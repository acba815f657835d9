// The hand-written reference of `npm run bench -- server`: the bookstore's GET /books/{bookId} and POST /books as a
// Fastify + Prisma developer would write them by hand, with the same checks as the generated server (the fixture's
// Book schema: unknown properties rejected, no coercion of body values; bookId an integer >= 1), the same response
// shape (only documented fields) and the same database. Plain JavaScript, so the benchmark needs no build step for it.
// Its Prisma Client is the one `prisma generate` wrote for the generated project (same schema.prisma): PRISMA_CLIENT.
import Fastify from "fastify";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

const { PrismaClient, Prisma } = await import(process.env.PRISMA_CLIENT);
const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: process.env.DATABASE_URL }) });
const basePath = process.env.BASE_PATH ?? "/api/v1";

const statusToDb = { draft: "DRAFT", published: "PUBLISHED", archived: "ARCHIVED" };
const statusToApi = { DRAFT: "draft", PUBLISHED: "published", ARCHIVED: "archived" };

const bookFields = {
  isbn: { type: "string", pattern: "^[0-9]{13}$" },
  title: { type: "string", minLength: 1, maxLength: 200 },
  price: { type: "number", minimum: 0, maximum: 100000 },
  status: { type: "string", enum: ["draft", "published", "archived"] },
  publishedOn: { type: ["string", "null"], format: "date" },
  metadata: { type: ["object", "null"], additionalProperties: true },
  authorId: { type: "integer", minimum: 1 },
  tagIds: { type: "array", items: { type: "integer" }, maxItems: 20 },
};
const bookInput = {
  type: "object",
  additionalProperties: false,
  required: ["isbn", "title", "price", "status", "authorId", "tagIds"],
  properties: bookFields,
};
const book = {
  type: "object",
  required: ["id", "isbn", "title", "price", "status", "authorId", "tagIds", "salesCount", "createdAt", "updatedAt"],
  properties: {
    id: { type: "integer" },
    ...bookFields,
    salesCount: { type: "integer" },
    createdAt: { type: "string" },
    updatedAt: { type: "string" },
  },
};
const error = {
  type: "object",
  properties: { error: { type: "object", additionalProperties: true } },
};

function toApiBook(row) {
  return {
    id: row.id,
    isbn: row.isbn,
    title: row.title,
    price: row.price.toNumber(),
    status: statusToApi[row.status],
    publishedOn: row.publishedOn === null ? null : row.publishedOn.toISOString().slice(0, 10),
    salesCount: Number(row.salesCount),
    metadata: row.metadata,
    authorId: row.authorId,
    tagIds: row.tags.map((tag) => tag.id),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const include = { tags: { select: { id: true } } };
const app = Fastify({
  logger: { level: process.env.LOG_LEVEL ?? "warn" },
  // Body values are never coerced (as the generated server's).
  ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true } },
});
app.setErrorHandler((err, _request, reply) => {
  if (err.validation) return reply.status(400).send({ error: { code: "VALIDATION_ERROR", message: err.message } });
  if (err.code === "P2002") return reply.status(409).send({ error: { code: "CONFLICT", message: "already exists" } });
  reply.log.error(err);
  return reply.status(500).send({ error: { code: "INTERNAL", message: "internal error" } });
});

await app.register(
  async (api) => {
    api.get(
      "/books/:bookId",
      {
        // A path parameter arrives as text: checked as a positive integer's digits, converted in the handler.
        schema: {
          params: {
            type: "object",
            required: ["bookId"],
            properties: { bookId: { type: "string", pattern: "^[1-9][0-9]{0,15}$" } },
          },
          response: { 200: book, 404: error },
        },
      },
      async (request, reply) => {
        const row = await prisma.book.findUnique({ where: { id: Number(request.params.bookId) }, include });
        if (row === null) return reply.status(404).send({ error: { code: "NOT_FOUND", message: "book not found" } });
        return toApiBook(row);
      },
    );
    api.post("/books", { schema: { body: bookInput, response: { 201: book, 400: error, 409: error } } }, async (request, reply) => {
      const body = request.body;
      const row = await prisma.book.create({
        data: {
          isbn: body.isbn,
          title: body.title,
          price: body.price,
          status: statusToDb[body.status],
          ...(body.publishedOn === undefined ? {} : { publishedOn: body.publishedOn === null ? null : new Date(body.publishedOn) }),
          ...(body.metadata === undefined ? {} : { metadata: body.metadata === null ? Prisma.DbNull : body.metadata }),
          authorId: body.authorId,
          tags: { connect: body.tagIds.map((id) => ({ id })) },
        },
        include,
      });
      return reply.status(201).send(toApiBook(row));
    });
  },
  { prefix: basePath },
);

await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? "127.0.0.1" });
process.on("SIGTERM", () => void app.close().then(() => prisma.$disconnect()).then(() => process.exit(0)));
