import { expect, test } from 'vitest';
import { WHOLE_BOOK_FILES, wholeBookFirst } from './sequencer.ts';

const spec = (path: string) => ({ moduleId: `/repo/${path}` });

test('whole-book files go first, in their listed order; every other file keeps its place', () => {
  const given = ['tests/a.test.ts', 'tests/e2e/fixture-book.test.ts', 'tests/b.test.ts', 'tests/book/verify-book.test.ts', 'tests/c.test.ts', 'tests/e2e/real-book.test.ts'].map(spec);
  expect(wholeBookFirst(given).map((s) => s.moduleId)).toEqual([
    ...WHOLE_BOOK_FILES.map((f) => `/repo/${f}`),
    '/repo/tests/a.test.ts',
    '/repo/tests/b.test.ts',
    '/repo/tests/c.test.ts',
  ]);
});

test('a name that only ends like a whole-book file is not one', () => {
  const given = [spec('tests/z.test.ts'), spec('tests/e2e/not-real-book.test.ts'), spec('tests/e2e/real-book.test.ts')];
  expect(wholeBookFirst(given).map((s) => s.moduleId)).toEqual(['/repo/tests/e2e/real-book.test.ts', '/repo/tests/z.test.ts', '/repo/tests/e2e/not-real-book.test.ts']);
});

test('every listed file exists, so a rename cannot silently drop it from the front', async () => {
  const { existsSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const root = fileURLToPath(new URL('../..', import.meta.url));
  expect(WHOLE_BOOK_FILES.filter((f) => !existsSync(`${root}${f}`))).toEqual([]);
});
