import { ArticleServiceBase } from "../generated/services/article.service.base.js";

/** Article's service: yours to extend (override methods, add business rules). */
export class ArticleService extends ArticleServiceBase {}
