/**
 * Loads the book and generates the decks of the chosen chapters, refusing to go on when a chapter has errors.
 *
 *   const { decks, warnings } = generateDecks('/book', { base: '/book/', chapters: ['53'] });
 *   // throws BookError (each problem at the chapter's file:line) when the chapter or its deck has errors
 *   writeDecks('/book', decks)   // → absolute paths of the deck files, in .slidev/decks/
 */
import type { ChapterEntry } from '../core/book.ts';
import { loadBook } from '../core/book.ts';
import { BookError, sortDiagnostics, type Diagnostic } from '../core/diagnostics.ts';
import { readRenderedDiagram } from '../diagrams/cache.ts';
import { generateDeck, type GeneratedDeck } from './deck.ts';
import { deckHooks } from './hooks.ts';
import type { DiagramRenderings } from './markdown.ts';
import { deckDir, normaliseBase, THEME_DIR } from './paths.ts';
import { selectChapters } from './select.ts';
import { writeDeck } from './write.ts';

export interface GenerateDecksOptions {
  /** Site base path ('/' by default); book links in the decks include it. */
  base?: string | undefined;
  /** Chapter numbers or slugs; all chapters when empty or absent. */
  chapters?: readonly string[] | undefined;
  /** 'strict' (default): a diagram without rendering is an error. 'fallback': show its alt text, warn. */
  diagrams?: 'strict' | 'fallback' | undefined;
  /** Keep speaker notes in the generated decks (default true). */
  notes?: boolean | undefined;
  /** Origin put before book links (the dev script points them at the site's dev server). */
  siteOrigin?: string | undefined;
  /** The published site (BOOK_SITE_URL): title slides get a QR code of their chapter's page. */
  siteUrl?: string | undefined;
  deckDir?: string | undefined;
  themeDir?: string | undefined;
  renderings?: DiagramRenderings | undefined;
}

export interface DeckSet {
  chapters: ChapterEntry[];
  decks: GeneratedDeck[];
  warnings: Diagnostic[];
  deckDir: string;
  themeDir: string;
}

export const defaultRenderings: DiagramRenderings = { read: (root, source) => readRenderedDiagram(root, source) };

export function generateDecks(root: string, options: GenerateDecksOptions = {}): DeckSet {
  const book = loadBook(root, { hooks: deckHooks() });
  const chapters = selectChapters(book.chapters, options.chapters ?? []);
  const files = new Set(chapters.map((c) => c.file));
  const bookProblems = book.diagnostics.filter((d) => files.has(d.file));
  const errors = bookProblems.filter((d) => d.severity === 'error');
  if (errors.length) throw new BookError(errors);

  const dir = options.deckDir ?? deckDir(root);
  const themeDir = options.themeDir ?? THEME_DIR;
  const decks = chapters.map((chapter) =>
    generateDeck(chapter, {
      root,
      base: normaliseBase(options.base),
      deckDir: dir,
      themeDir,
      diagrams: options.diagrams ?? 'strict',
      renderings: options.renderings ?? defaultRenderings,
      notes: options.notes,
      siteOrigin: options.siteOrigin,
      siteUrl: options.siteUrl,
    }),
  );
  const deckProblems = decks.flatMap((deck) => deck.diagnostics);
  const deckErrors = deckProblems.filter((d) => d.severity === 'error');
  if (deckErrors.length) throw new BookError(sortDiagnostics(deckErrors));
  const warnings = sortDiagnostics([...bookProblems, ...deckProblems].filter((d) => d.severity === 'warning'));
  return { chapters, decks, warnings, deckDir: dir, themeDir };
}

/** Writes every deck of the set; returns the absolute deck file paths, in chapter order. */
export function writeDecks(set: DeckSet): string[] {
  return set.decks.map((deck) => writeDeck(set.deckDir, deck, { themeDir: set.themeDir }).file);
}
