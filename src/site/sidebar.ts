/**
 * Starlight's sidebar, built from the chapters themselves (Starlight's `autogenerate` only looks inside
 * src/content/docs, so for a book read from chapters/ it would come out empty).
 *
 *   Part 7 overview
 *   Foundational Infrastructure   50. FastAPI for AI Cloud-Native Services, 51. …
 *   Orchestration                 53. Kubernetes for AI Services, …
 *   …
 *   The Part 7 capstone           (pages with `section: book`, after the chapters)
 *   Contributing                  Authoring guide
 *
 * Stages without a written chapter yet are left out; prev/next links follow this order.
 */
import type { Book } from '../core/book.ts';
import { STAGES } from '../core/stages.ts';

export interface SidebarLink {
  label: string;
  link: string;
}
export interface SidebarGroup {
  label: string;
  items: SidebarLink[];
}
export type SidebarItem = SidebarLink | SidebarGroup;

/** The page URL for a slug, under the site's base path. */
export function pageLink(slug: string): string {
  return slug === '' ? '/' : `/${slug}/`;
}

export function buildSidebar(book: Pick<Book, 'chapters' | 'pages'>): SidebarItem[] {
  const items: SidebarItem[] = [];
  const landing = book.pages.find((page) => page.slug === '');
  if (landing) items.push({ label: 'Part 7 overview', link: pageLink('') });
  for (const stage of STAGES) {
    const chapters = book.chapters.filter((chapter) => chapter.number >= stage.first && chapter.number <= stage.last);
    if (chapters.length === 0) continue;
    items.push({
      label: stage.title,
      items: chapters.map((chapter) => ({ label: `${chapter.number}. ${chapter.title}`, link: pageLink(chapter.slug) })),
    });
  }
  const pages = book.pages.filter((page) => page.slug !== '');
  const label = (page: (typeof pages)[number]) => String(page.frontmatter?.['title'] ?? page.slug);
  for (const page of pages.filter((p) => p.frontmatter?.['section'] === 'book')) items.push({ label: label(page), link: pageLink(page.slug) });
  const others = pages.filter((page) => page.frontmatter?.['section'] !== 'book');
  if (others.length > 0) {
    items.push({
      label: 'Contributing',
      items: others.map((page) => ({ label: label(page), link: pageLink(page.slug) })),
    });
  }
  return items;
}
