/**
 * What the site knows about the lecture decks, read from the book (never a hand-kept list): one entry per
 * chapter with its deck's URLs and slide count, and the PDF's URL only when the build publishes that PDF.
 * Pages read it through the virtual module `virtual:book/decks` (the chapter kicker, the Lecture decks page).
 *
 *   deckIndex('/book', { base: '/book/', pdfs: ['53-kubernetes'] })
 *   // → [{ slug: '53-kubernetes', number: 53, title: 'Kubernetes for AI Services', slides: 18,
 *   //      url: '/book/slides/53-kubernetes/', presenter: '/book/slides/53-kubernetes/#/presenter/1',
 *   //      overview: '/book/slides/53-kubernetes/#/overview', pdf: '/book/slides/53-kubernetes/53-kubernetes.pdf' }, …]
 *
 *   // in an .astro component
 *   import { decks } from 'virtual:book/decks';
 */
import type { Plugin } from 'vite';
import { loadBook, type Book } from '../core/book.ts';
import { isBookError } from '../core/diagnostics.ts';
import { generateDecks } from '../slides/generate.ts';
import { normaliseBase } from '../slides/paths.ts';

export const DECKS_MODULE = 'virtual:book/decks';
const RESOLVED = `\0${DECKS_MODULE}`;

export interface DeckIndexEntry {
  slug: string;
  number: number;
  title: string;
  /** Undefined while a chapter has errors (only in `npm run dev`: the build checks the book first). */
  slides: number | undefined;
  url: string;
  presenter: string;
  overview: string;
  /** Present only when the build publishes this deck's PDF. */
  pdf: string | undefined;
}

export interface DeckIndexOptions {
  base?: string | undefined;
  /** Slugs of the decks whose PDF the build publishes (`<dist>/slides/<slug>/<slug>.pdf`). */
  pdfs?: readonly string[] | undefined;
  /** The book the build has already loaded and checked (absent in `npm run dev`: loaded here). */
  book?: Book | undefined;
  /** Slide count per deck slug from the decks the build generated (absent: generated here, for the counts only). */
  slideCounts?: ReadonlyMap<string, number> | undefined;
}

/** The URL of a deck's published PDF below the site base: `/book/slides/53-kubernetes/53-kubernetes.pdf`. */
export function deckPdfUrl(base: string | undefined, slug: string): string {
  return `${normaliseBase(base)}slides/${slug}/${slug}.pdf`;
}

/** Slide count per deck, or undefined for all when a chapter has errors (its page reports them). */
function slideCounts(root: string, base: string): Map<string, number> | undefined {
  try {
    // 'fallback': the index needs slide counts, not renderings; a missing rendering is reported by the page itself.
    return new Map(generateDecks(root, { base, diagrams: 'fallback' }).decks.map((deck) => [deck.slug, deck.slideCount]));
  } catch (error) {
    if (isBookError(error)) return undefined;
    throw error;
  }
}

export function deckIndex(root: string, options: DeckIndexOptions = {}): DeckIndexEntry[] {
  const base = normaliseBase(options.base);
  const pdfs = new Set(options.pdfs ?? []);
  const counts = options.slideCounts ?? slideCounts(root, base);
  return (options.book ?? loadBook(root)).chapters.map((chapter) => {
    const url = `${base}slides/${chapter.slug}/`;
    return {
      slug: chapter.slug,
      number: chapter.number,
      title: chapter.frontmatter?.title ?? chapter.title,
      slides: counts?.get(chapter.slug),
      url,
      presenter: `${url}#/presenter/1`,
      overview: `${url}#/overview`,
      pdf: pdfs.has(chapter.slug) ? deckPdfUrl(base, chapter.slug) : undefined,
    };
  });
}

/** Serves `virtual:book/decks` (`export const decks = [...]`), computed once per build from the book. */
export function deckIndexPlugin(root: string, options: DeckIndexOptions): Plugin {
  return {
    name: 'book:deck-index',
    resolveId(id) {
      return id === DECKS_MODULE ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      return `export const decks = ${JSON.stringify(deckIndex(root, options))};\n`;
    },
  };
}
