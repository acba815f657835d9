import { PetServiceBase } from "../generated/services/pet.service.base.js";

/** Pet's service: yours to extend (override methods, add business rules). */
export class PetService extends PetServiceBase {}
