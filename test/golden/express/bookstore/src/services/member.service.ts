import { MemberServiceBase } from "../generated/services/member.service.base.js";

/** Member's service: yours to extend (override methods, add business rules). */
export class MemberService extends MemberServiceBase {}
