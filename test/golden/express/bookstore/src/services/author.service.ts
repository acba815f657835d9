import { AuthorServiceBase } from "../generated/services/author.service.base.js";

/** Author's service: yours to extend (override methods, add business rules). */
export class AuthorService extends AuthorServiceBase {}
