import { UserServiceBase } from "../generated/services/user.service.base.js";

/** User's service: yours to extend (override methods, add business rules). */
export class UserService extends UserServiceBase {}
