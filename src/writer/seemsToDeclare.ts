function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A cheap textual test that a TypeScript file declares or exports `name` at some level: `function name`, `class
 * name`, `const name`, `type name`, `export { x as name }`, ... Used only to skip parsing a user file when nothing can
 * be missing: a "no" always leads to a real parse, a "yes" can be wrong only for a declaration the user commented out
 * (which vx-gen then leaves out too, and tsc reports).
 */
export function seemsToDeclare({ text, name }: { text: string; name: string }): boolean {
  const n = escape(name);
  return new RegExp(`\\b(function\\*?|class|const|let|var|interface|type|enum|namespace)\\s+${n}\\b|\\bas\\s+${n}\\s*[,}]|\\{[^}]*\\b${n}\\s*[,}]`).test(text);
}
