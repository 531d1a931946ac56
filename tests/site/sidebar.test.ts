/**
 * The sidebar groups plain pages by their `section`: book pages follow the chapters, instructor pages (the
 * lecture decks) get their own group, contributor pages come last; only book pages are in the reading order.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../src/core/book.ts';
import { buildSidebar, INSTRUCTORS_LABEL, readingOrderPagination, type RouteSidebarEntry } from '../../src/site/sidebar.ts';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function book(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'book-sidebar-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('section: instructors', () => {
  it('puts the page in a "For instructors" group after the book pages and before Contributing', () => {
    const result = loadBook(book({
      'chapters/index.mdx': '---\ntitle: Part 7\n---\nHi.\n',
      'chapters/authoring.mdx': '---\ntitle: Authoring guide\n---\nHow to write.\n',
      'chapters/capstone.mdx': '---\ntitle: The Part 7 capstone\nsection: book\n---\nAll of it.\n',
      'chapters/lecture-decks.mdx': '---\ntitle: Lecture decks\nsection: instructors\n---\nDecks.\n',
    }));
    expect(result.diagnostics).toEqual([]);
    expect(buildSidebar(result)).toEqual([
      { label: 'Part 7 overview', link: '/' },
      { label: 'The Part 7 capstone', link: '/capstone/' },
      { label: INSTRUCTORS_LABEL, items: [{ label: 'Lecture decks', link: '/lecture-decks/' }] },
      { label: 'Contributing', items: [{ label: 'Authoring guide', link: '/authoring/' }] },
    ]);
    expect(INSTRUCTORS_LABEL).toBe('For instructors');
  });

  it('keeps the instructors page out of the reading order', () => {
    const link = (href: string, current: string): RouteSidebarEntry => ({ type: 'link', label: href, href, isCurrent: href === current });
    const sidebar = (current: string): RouteSidebarEntry[] => [
      link('/', current),
      link('/capstone/', current),
      { type: 'group', label: INSTRUCTORS_LABEL, entries: [link('/lecture-decks/', current)] },
      { type: 'group', label: 'Contributing', entries: [link('/authoring/', current)] },
    ];
    const page = (href: string) => ({ href, label: href });
    expect(readingOrderPagination(sidebar('/capstone/'), { prev: page('/'), next: page('/lecture-decks/') })).toEqual({ prev: page('/'), next: undefined });
    expect(readingOrderPagination(sidebar('/lecture-decks/'), { prev: page('/capstone/'), next: page('/authoring/') })).toEqual({ prev: undefined, next: undefined });
  });
});
