/**
 * Picks chapters by what a user types: a number (`53`), a slug (`53-kubernetes`), or everything.
 *
 *   selectChapters(book.chapters, ['53'])   // → [the chapter 53 entry]
 *   selectChapters(book.chapters, [])       // → every chapter
 *   selectChapters(book.chapters, ['99'])   // throws BookError: No chapter "99" in the book (hint lists them)
 */
import type { ChapterEntry } from '../core/book.ts';
import { BookError, diagnostic } from '../core/diagnostics.ts';
import { CHAPTERS_DIR } from '../core/paths.ts';
import { didYouMean } from '../core/suggest.ts';

export function selectChapters(chapters: readonly ChapterEntry[], selectors: readonly string[] = []): ChapterEntry[] {
  if (selectors.length === 0) return [...chapters];
  const picked: ChapterEntry[] = [];
  for (const raw of selectors) {
    const selector = raw.trim().replace(/^chapters\//, '').replace(/\/(index\.mdx)?$/, '');
    const match = chapters.find((c) => c.slug === selector || String(c.number) === selector);
    if (!match) {
      const known = chapters.map((c) => c.slug);
      const suggestion = didYouMean(selector, known);
      throw new BookError(diagnostic({
        file: CHAPTERS_DIR,
        rule: 'slides-chapter',
        message: `No chapter "${raw}" in the book`,
        hint: known.length ? `${suggestion ? `${suggestion} ` : ''}Chapters: ${chapters.map((c) => c.number).join(', ')} (or their slugs).` : 'The book has no chapters yet: add chapters/NN-slug/index.mdx.',
      }));
    }
    if (!picked.includes(match)) picked.push(match);
  }
  return picked;
}
