import { BookServiceBase } from "../generated/services/book.service.base.js";

/** Book's service: yours to extend (override methods, add business rules). */
export class BookService extends BookServiceBase {}
