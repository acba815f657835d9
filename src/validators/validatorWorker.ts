import { serveWorkerRequests } from "../util/createWorkerPool.js";
import { compileUnitSource, type ValidatorUnit } from "./validatorUnits.js";

/** Worker entry of the validator compile pool: one unit's Ajv standalone code per request. */
serveWorkerRequests<ValidatorUnit, string>((unit) => compileUnitSource(unit));
