import { describe, expect, it } from 'vitest';
import { readingOrderPagination, type RouteSidebarEntry } from '../../src/site/sidebar.ts';

const link = (href: string, isCurrent = false): RouteSidebarEntry => ({ type: 'link', label: href, href, isCurrent });
const sidebar = (current: string): RouteSidebarEntry[] => [
  link('/', current === '/'),
  { type: 'group', label: 'Operations Excellence', entries: [link('/61-security/', current === '/61-security/')] },
  link('/capstone/', current === '/capstone/'),
  { type: 'group', label: 'Contributing', entries: [link('/authoring/', current === '/authoring/')] },
];
const page = (href: string) => ({ href, label: href });

describe('readingOrderPagination', () => {
  it('keeps prev and next inside the reading order', () => {
    expect(readingOrderPagination(sidebar('/61-security/'), { prev: page('/'), next: page('/capstone/') })).toEqual({ prev: page('/'), next: page('/capstone/') });
  });

  it('ends the reading order at the last book page instead of leading into the contributor pages', () => {
    expect(readingOrderPagination(sidebar('/capstone/'), { prev: page('/61-security/'), next: page('/authoring/') })).toEqual({ prev: page('/61-security/'), next: undefined });
  });

  it('gives a contributor page neither link', () => {
    expect(readingOrderPagination(sidebar('/authoring/'), { prev: page('/capstone/'), next: undefined })).toEqual({ prev: undefined, next: undefined });
  });

  it('changes nothing in a book without contributor pages', () => {
    const plain = sidebar('/61-security/').slice(0, 3);
    expect(readingOrderPagination(plain, { prev: page('/'), next: page('/capstone/') })).toEqual({ prev: page('/'), next: page('/capstone/') });
  });
});
