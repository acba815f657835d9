import type { Response } from "../../ir/types.js";

function rank(status: string): [number, number] {
  if (/^\d{3}$/.test(status)) return [0, Number(status)];
  if (/^[1-5]XX$/.test(status)) return [1, Number(status[0])];
  if (status === "default") return [3, 0];
  return [2, 0];
}

/** Numeric statuses ascending, then ranges (`2XX`), then anything unexpected (by text), then `default`. */
export function sortResponses(responses: readonly Response[]): Response[] {
  return [...responses].sort((a, b) => {
    const [ga, na] = rank(a.status);
    const [gb, nb] = rank(b.status);
    if (ga !== gb) return ga - gb;
    if (na !== nb) return na - nb;
    return a.status < b.status ? -1 : a.status > b.status ? 1 : 0;
  });
}
