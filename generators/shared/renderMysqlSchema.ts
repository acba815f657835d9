import type { DbModel } from "../../src/ir/types.js";
import { planMysqlTables, type MysqlTablePlan } from "./planMysqlTables.js";
import { renderTemplate } from "./renderTemplate.js";

/** A table's definitions, one a line, separated by commas (columns, indexes, primary key, foreign keys). */
function tableLines(table: MysqlTablePlan): string[] {
  const lines = [
    ...table.columns.map((c) => `${c.nameCode} ${c.typeCode}${c.nullable ? " NULL" : " NOT NULL"}${c.defaultCode === undefined ? "" : ` DEFAULT ${c.defaultCode}`}${c.autoIncrement ? " AUTO_INCREMENT" : ""}`),
    ...table.uniques.map((k) => `UNIQUE INDEX ${k.nameCode}(${k.columnsCode})`),
    ...table.indexes.map((k) => `INDEX ${k.nameCode}(${k.columnsCode})`),
    ...table.fulltext.map((k) => `FULLTEXT INDEX ${k.nameCode}(${k.columnsCode})`),
    ...(table.primaryKeyCode === undefined ? [] : [`PRIMARY KEY (${table.primaryKeyCode})`]),
    ...table.foreignKeys.map((k) => `CONSTRAINT ${k.nameCode} FOREIGN KEY (${k.columnsCode}) REFERENCES ${k.tableCode}(${k.referencedCode}) ON DELETE ${k.onDelete} ON UPDATE ${k.onUpdate}`),
  ];
  return lines.map((line, i) => (i < lines.length - 1 ? `${line},` : line));
}

/** `prisma/schema.mysql.sql`: the script that creates a MySQL/MariaDB project's tables offline (pushSchema.ts). */
export function renderMysqlSchema(db: DbModel): string {
  const tables = planMysqlTables(db).map((table) => ({ nameCode: table.nameCode, lines: tableLines(table) }));
  return renderTemplate({ plugin: "shared", file: "db/schema.mysql.sql.ejs", data: { tables } });
}
