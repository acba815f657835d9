// Seeds a bookstore database for `npm run bench -- server`: an author, a tag and 100 books (book 1 is the one read).
// Run in the generated project with DATABASE_URL and PRISMA_CLIENT (the file URL of its Prisma Client).
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

const { PrismaClient } = await import(process.env.PRISMA_CLIENT);
const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: process.env.DATABASE_URL }) });
const author = await prisma.author.create({ data: { name: "Ursula", email: "ursula@example.com" } });
const tag = await prisma.tag.create({ data: { name: "classics" } });
for (let i = 0; i < 100; i++) {
  await prisma.book.create({
    data: {
      isbn: String(9_780_000_000_000 + i),
      title: `Book ${i + 1}`,
      price: 10 + i,
      status: "PUBLISHED",
      publishedOn: new Date("2020-01-01"),
      authorId: author.id,
      tags: { connect: [{ id: tag.id }] },
    },
  });
}
await prisma.$disconnect();
