import { serveWorkerRequests } from "../../util/createWorkerPool.js";
import { answerStructureRequest, type StructureRequest } from "./answerStructureRequest.js";
import type { StructureErrors } from "./validateStructure.js";

/** Worker entry of `startStructureValidation`'s pool. */
serveWorkerRequests<StructureRequest, StructureErrors>(answerStructureRequest);
