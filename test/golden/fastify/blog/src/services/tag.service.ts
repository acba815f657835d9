import { TagServiceBase } from "../generated/services/tag.service.base.js";

/** Tag's service: yours to extend (override methods, add business rules). */
export class TagService extends TagServiceBase {}
