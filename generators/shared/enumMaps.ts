import type { DbEnum, EnumValue } from "../../src/ir/types.js";
import { camelCase } from "../../src/naming/caseConversion.js";
import { squash } from "./modelSchemas.js";
import { renderTemplate } from "./renderTemplate.js";
import { objectKey } from "../../src/emit/objectKey.js";
import { tsString } from "../../src/emit/tsString.js";

interface EnumMap {
  dbEnum: DbEnum;
  /** db value -> api value */
  pairs: [string, string][];
  toApi: string;
  fromApi: string;
}

/**
 * The value tables between Prisma enums and API enums whose values differ only in spelling (`DRAFT` ~ `draft`).
 * One module for the whole project; each distinct pairing gets one pair of `as const` records.
 */
export class EnumMaps {
  private readonly maps = new Map<string, EnumMap>();
  private readonly taken = new Set<string>();

  /**
   * The names of the two records for this pairing, `undefined` when the API values equal the database's (no table
   * needed), or `null` when the sets do not correspond one to one (no mapping possible).
   */
  pair({ dbEnum, apiValues }: { dbEnum: DbEnum; apiValues: EnumValue[] }): { toApi: string; fromApi: string } | undefined | null {
    const dbValues = dbEnum.values.map((v) => v.name);
    const strings = apiValues.filter((v): v is string => typeof v === "string");
    if (strings.length !== apiValues.length || strings.length !== dbValues.length) return null;
    if ([...strings].sort().join("\0") === [...dbValues].sort().join("\0")) return undefined;
    const pairs: [string, string][] = [];
    for (const db of dbValues) {
      const matches = strings.filter((a) => squash(a) === squash(db));
      if (matches.length !== 1 || matches[0] === undefined) return null;
      pairs.push([db, matches[0]]);
    }
    const key = `${dbEnum.name}\0${pairs.map((p) => p.join("=")).join("\0")}`;
    const existing = this.maps.get(key);
    if (existing) return existing;
    let base = camelCase(dbEnum.name);
    let n = 1;
    while (this.taken.has(`${base}ToApi`)) base = `${camelCase(dbEnum.name)}${++n}`;
    this.taken.add(`${base}ToApi`);
    const map: EnumMap = { dbEnum, pairs, toApi: `${base}ToApi`, fromApi: `${base}FromApi` };
    this.maps.set(key, map);
    return map;
  }

  isEmpty(): boolean {
    return this.maps.size === 0;
  }

  /** Source of the module holding every table, sorted by name (`prismaClient`: the import specifier as a string literal). */
  render({ prismaClient }: { prismaClient: string }): string {
    const maps = [...this.maps.values()]
      .sort((a, b) => (a.toApi < b.toApi ? -1 : 1))
      .map((map) => ({
        enumName: map.dbEnum.name,
        toApi: map.toApi,
        fromApi: map.fromApi,
        pairs: map.pairs.map(([db, api]) => ({ dbKey: objectKey(db), apiLiteral: tsString(api), apiKey: objectKey(api), dbLiteral: tsString(db) })),
      }));
    return renderTemplate({ plugin: "shared", file: "model/enums.ts.ejs", data: { imports: { prismaClient }, maps } });
  }
}
