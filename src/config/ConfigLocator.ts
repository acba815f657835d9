/**
 * Where a value of a config is in its file: given the path of a value (`["jobs", 0, "out"]`), the 1-based line and
 * column of its key (or array item). `key` asks for the place of the last segment's key even when the value is absent
 * from the schema's point of view (unknown properties). Falls back to the deepest ancestor found.
 */
export type ConfigLocator = (path: readonly (string | number)[]) => { line: number; column: number } | undefined;
