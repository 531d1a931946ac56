/**
 * Which chapter includes which file, as learned while pages are rendered. The dev server reads it to
 * reload the chapters that use a snippet or diagram when that file is edited.
 *
 * Kept on globalThis: Astro may load the remark plugin and the Vite plugin through different module
 * instances, and both must see the same graph.
 */

const KEY = Symbol.for('ai-cloud-native-book.include-graph');

type Graph = Map<string, Set<string>>;

function graph(): Graph {
  const holder = globalThis as unknown as Record<symbol, Graph | undefined>;
  holder[KEY] ??= new Map();
  return holder[KEY];
}

/** Records that `chapter` (absolute path) now includes exactly `files` (absolute paths). */
export function recordIncludes(chapter: string, files: Iterable<string>): void {
  const g = graph();
  for (const dependents of g.values()) dependents.delete(chapter);
  for (const file of files) {
    const dependents = g.get(file) ?? new Set<string>();
    dependents.add(chapter);
    g.set(file, dependents);
  }
}

/** The chapters (absolute paths) that include `file`. */
export function chaptersIncluding(file: string): string[] {
  return [...(graph().get(file) ?? [])];
}
