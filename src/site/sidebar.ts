/**
 * Starlight's sidebar, built from the chapters themselves (Starlight's `autogenerate` only looks inside
 * src/content/docs, so for a book read from chapters/ it would come out empty).
 *
 *   Part 7 overview
 *   Foundational Infrastructure   50. FastAPI for AI Cloud-Native Services, 51. …
 *   Orchestration                 53. Kubernetes for AI Services, …
 *   …
 *   The Part 7 capstone           (pages with `section: book`, after the chapters)
 *   For instructors               Lecture decks     (pages with `section: instructors`)
 *   Contributing                  Authoring guide
 *
 * Stages without a written chapter yet are left out; prev/next links follow this order.
 */
import type { Book } from '../core/book.ts';
import { STAGES } from '../core/stages.ts';

/** The group of contributor pages: listed in the sidebar, kept out of the reading order. */
export const CONTRIBUTING_LABEL = 'Contributing';
/** The group of pages for instructors (the lecture decks): listed in the sidebar, kept out of the reading order. */
export const INSTRUCTORS_LABEL = 'For instructors';
/** Sidebar groups whose pages are not part of the book's reading order. */
const OUTSIDE_READING_ORDER = new Set([INSTRUCTORS_LABEL, CONTRIBUTING_LABEL]);

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
  const teaching = pages.filter((p) => p.frontmatter?.['section'] === 'instructors');
  if (teaching.length > 0) items.push({ label: INSTRUCTORS_LABEL, items: teaching.map((page) => ({ label: label(page), link: pageLink(page.slug) })) });
  const others = pages.filter((page) => page.frontmatter?.['section'] !== 'book' && page.frontmatter?.['section'] !== 'instructors');
  if (others.length > 0) {
    items.push({
      label: CONTRIBUTING_LABEL,
      items: others.map((page) => ({ label: label(page), link: pageLink(page.slug) })),
    });
  }
  return items;
}


/** The parts of Starlight's route data this needs (its sidebar entries and pagination links). */
export interface RouteSidebarEntry {
  type: 'link' | 'group';
  label: string;
  href?: string;
  isCurrent?: boolean;
  entries?: RouteSidebarEntry[];
}
export interface RoutePagination<L extends { href: string }> {
  prev: L | undefined;
  next: L | undefined;
}

/**
 * Previous/next links in the book's reading order: a contributor or instructor page (under "Contributing" or
 * "For instructors") has neither, and no book page leads into one, so after chapter 61 and the capstone
 * "Next" stops instead of opening the lecture decks or the authoring guide. Starlight's default (sidebar
 * order throughout) is kept for everything else.
 */
export function readingOrderPagination<L extends { href: string }>(sidebar: readonly RouteSidebarEntry[], pagination: RoutePagination<L>): RoutePagination<L> {
  const outside = new Set<string>();
  let current = false;
  const collect = (entries: readonly RouteSidebarEntry[]) => {
    for (const entry of entries) {
      if (entry.href !== undefined) outside.add(entry.href);
      if (entry.isCurrent) current = true;
      collect(entry.entries ?? []);
    }
  };
  collect(sidebar.filter((entry) => entry.type === 'group' && OUTSIDE_READING_ORDER.has(entry.label)));
  if (current) return { prev: undefined, next: undefined };
  const keep = (link: L | undefined) => (link && outside.has(link.href) ? undefined : link);
  return { prev: keep(pagination.prev), next: keep(pagination.next) };
}
