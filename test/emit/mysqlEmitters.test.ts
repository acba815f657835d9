import { PrismaMariaDb } from "@prisma/adapter-mariadb";
import { describe, expect, it } from "vitest";
import { loneSurrogate } from "../../src/emit/loneSurrogate.js";
import { mysqlIdentifier } from "../../src/emit/mysqlIdentifier.js";
import { mysqlString } from "../../src/emit/mysqlString.js";

/** Texts that end or change a MySQL literal or identifier, or a line (the push script is split at line ends). */
const dangerous = ["'", "''", "\\", "abc\\", "\\'", "`", "``", "a`; DROP TABLE t; --", "x';\nDROP TABLE t;\n--", "a\rb", "a\r\nb", "\0", "\x1a", "é ✓ 🎉", "%_", "\ud800"];

describe("mysqlString and mysqlIdentifier", () => {
  it.each(dangerous)("%j cannot end the literal or the line", (text) => {
    const literal = mysqlString(text);
    expect(literal).not.toMatch(/[\n\r\0]/);
    // Between the outer quotes: every quote doubled or escaped, so none ends the literal.
    expect(literal.slice(1, -1).replace(/''|\\./gs, "")).not.toContain("'");
    const identifier = mysqlIdentifier(text);
    expect(identifier.slice(1, -1).replace(/``/g, "")).not.toContain("`");
  });

  const server = process.env.VX_TEST_MYSQL_URL;
  it.skipIf(server === undefined)("MariaDB reads each literal back as the text, and each identifier as the name", async () => {
    const adapter = await new PrismaMariaDb(`${server ?? ""}/information_schema`).connect();
    try {
      for (const text of dangerous) {
        const literal = await adapter.queryRaw({ sql: `SELECT ${mysqlString(text)} AS v`, args: [], argTypes: [] });
        expect(literal.rows[0]?.[0], JSON.stringify(text)).toBe(text.replace(new RegExp(loneSurrogate.source, "g"), "\ufffd"));
        // Names with control characters or beyond the BMP are MariaDB's to refuse or strip; the rest read back as written.
        // eslint-disable-next-line no-control-regex
        if (/[\0-\x1f]|[\u{10000}-\u{10ffff}]/u.test(text)) continue;
        const named = await adapter.queryRaw({ sql: `SELECT 1 AS ${mysqlIdentifier(text)}`, args: [], argTypes: [] });
        expect(named.columnNames[0], JSON.stringify(text)).toBe(text.replace(new RegExp(loneSurrogate.source, "g"), "\ufffd"));
      }
    } finally {
      await adapter.dispose();
    }
  });
});
