/**
 * A book under test: copied into a git-ignored scratch folder (`tests/e2e/.scratch-<name>/`), built ONCE
 * with the real pipeline (check, site, decks), and described with what the checks need to know about it.
 *
 *   const book = await buildScratchBook({ name: 'fixture', from: FIXTURE_BOOK, base: '/book/' });
 *   book.dist            // …/tests/e2e/.scratch-fixture/dist
 *   book.pages           // [{ file: 'index.html', path: '', title: 'Fixture Part 7', chapter: undefined }, …]
 *   book.decks           // [{ slug: '50-fastapi', chapterFile, slides: 6, blockLines: [14, 31, 40] }, …]
 *
 * Building a copy means the repo's own dist/ and diagram cache are never written while others work.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBook, type Book } from '../../../src/core/book.ts';
import { buildBook } from '../../../src/cli/build-book.ts';
import { generateDecks } from '../../../src/slides/generate.ts';
import { normaliseBase } from '../../../src/slides/paths.ts';

export const E2E_DIR = fileURLToPath(new URL('..', import.meta.url));
export const REPO = fileURLToPath(new URL('../../..', import.meta.url));

export interface BookPage {
  /** Dist-relative file, e.g. `53-kubernetes/index.html`. */
  file: string;
  /** Path below the base, e.g. `53-kubernetes/` ('' for the landing page). */
  path: string;
  title: string;
  chapter: number | undefined;
}

export interface BookDeck {
  slug: string;
  chapterFile: string;
  slides: number;
  /** Line of the `::::slide` block behind slide N+2 (slide 1 is the title slide). */
  blockLines: number[];
}

export interface BookUnderTest {
  name: string;
  root: string;
  dist: string;
  /** Normalised base path: '/' or '/book/'. */
  base: string;
  book: Book;
  pages: BookPage[];
  decks: BookDeck[];
}

export interface ScratchOptions {
  name: string;
  /** The book to copy (its chapters/, snippets/, diagrams/). */
  from: string;
  base?: string | undefined;
  /** Runs on the copy before the build (e.g. to plant a broken rendering). */
  prepare?: ((root: string) => void) | undefined;
}

export async function buildScratchBook(options: ScratchOptions): Promise<BookUnderTest> {
  const root = join(E2E_DIR, `.scratch-${options.name}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (const folder of ['chapters', 'snippets', 'diagrams']) {
    const source = join(options.from, folder);
    if (existsSync(source)) cpSync(source, join(root, folder), { recursive: true });
    else mkdirSync(join(root, folder), { recursive: true });
  }
  options.prepare?.(root);
  const output: string[] = [];
  const ok = await buildBook({ root, decks: true, base: options.base, log: (l) => output.push(l), warn: (l) => output.push(l), astroLogLevel: 'error' });
  if (!ok) throw new Error(`building ${options.name} failed:\n${output.join('\n')}`);
  const base = normaliseBase(options.base);
  const book = loadBook(root);
  const pages: BookPage[] = [
    ...book.pages.map((page) => ({ slug: page.slug, title: String(page.frontmatter?.['title'] ?? page.slug), chapter: undefined })),
    ...book.chapters.map((chapter) => ({ slug: chapter.slug, title: chapter.title, chapter: chapter.number })),
  ].map(({ slug, title, chapter }) => ({ file: slug === '' ? 'index.html' : `${slug}/index.html`, path: slug === '' ? '' : `${slug}/`, title, chapter }));
  const set = book.chapters.length > 0 ? generateDecks(root, { base }) : undefined;
  const decks: BookDeck[] = (set?.decks ?? []).map((deck) => ({
    slug: deck.slug,
    chapterFile: deck.chapterFile,
    slides: deck.slideCount,
    blockLines: (book.chapters.find((c) => c.slug === deck.slug)?.slides ?? []).map((block) => block.line),
  }));
  return { name: options.name, root, dist: join(root, 'dist'), base, book, pages, decks };
}

/** Where slide N of a deck comes from, for messages: `chapters/59-x/index.mdx:12 (slide block)`. */
export function slideOrigin(deck: BookDeck, slide: number): string {
  if (slide === 1) return `${deck.chapterFile} (title slide)`;
  const line = deck.blockLines[slide - 2];
  return line === undefined ? `${deck.chapterFile} (closing slides)` : `${deck.chapterFile}:${line}`;
}
