/**
 * Where decks live: the one shared theme in the toolkit's slides/ folder, and the generated deck sources in
 * the book's git-ignored `.slidev/decks/` folder (one `<slug>.md` per chapter, shared `diagrams/`,
 * `assets/` and `public/` beside them).
 *
 *   THEME_DIR                              // → '/repo/slides/theme' (absolute, wherever the book is)
 *   deckDir('/book')                       // → '/book/.slidev/decks'
 *   deckFile('/book', '53-kubernetes')     // → '/book/.slidev/decks/53-kubernetes.md'
 *   normaliseBase('book')                  // → '/book/'
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The toolkit's shared Slidev theme (a local theme folder). */
export const THEME_DIR = fileURLToPath(new URL('../../slides/theme/', import.meta.url)).replace(/\/$/, '');

/** Repo-relative folder of generated deck sources (git-ignored: `.slidev/`). */
export const DECKS_DIR = '.slidev/decks';

export function deckDir(root: string): string {
  return join(root, DECKS_DIR);
}

export function deckFile(root: string, slug: string): string {
  return join(deckDir(root), `${slug}.md`);
}

/** A site base path with exactly one leading and one trailing slash: '' → '/', 'book' → '/book/'. */
export function normaliseBase(base: string | undefined): string {
  const trimmed = (base ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** The book page of a chapter, optionally at a heading: `/book/53-kubernetes/#probes`. */
export function chapterUrl(base: string, slug: string, anchor?: string): string {
  return `${normaliseBase(base)}${slug}/${anchor ? `#${anchor}` : ''}`;
}
