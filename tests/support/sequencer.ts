/**
 * The order test files start in: the whole-book files first, longest first, then every other file in vitest's
 * own order (longest cached duration first, or largest file first on a machine that has no results yet).
 *
 * vitest runs two files at a time here (vitest.config.ts). Started first, the three files that take most of
 * the run overlap each other and the short files fill the gaps; started last, as file size alone would have
 * it on a fresh clone, one of them runs alone at the end while the other worker idles (longest processing
 * time first, the classic rule for two machines).
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Test files, from the repository root, that take minutes each: they build or verify the whole book. */
export const WHOLE_BOOK_FILES = ['tests/e2e/real-book.test.ts', 'tests/book/verify-book.test.ts', 'tests/e2e/fixture-book.test.ts'] as const;

/** `files` with the whole-book files moved to the front in WHOLE_BOOK_FILES order; the rest keep their order. */
export function wholeBookFirst<T extends { moduleId: string }>(files: readonly T[]): T[] {
  const rank = (file: T) => {
    const index = WHOLE_BOOK_FILES.findIndex((name) => file.moduleId.replaceAll('\\', '/').endsWith(`/${name}`));
    return index === -1 ? WHOLE_BOOK_FILES.length : index;
  };
  return files
    .map((file, position) => ({ file, position, rank: rank(file) }))
    .sort((a, b) => a.rank - b.rank || a.position - b.position)
    .map(({ file }) => file);
}

export default class WholeBookFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return wholeBookFirst(await super.sort(files));
  }
}
