import { CommentServiceBase } from "../generated/services/comment.service.base.js";

/** Comment's service: yours to extend (override methods, add business rules). */
export class CommentService extends CommentServiceBase {}
