/** Sort comparator by `name` in code-unit order (locale-independent, so output never depends on the machine). */
export function compareByName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
