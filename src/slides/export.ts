/**
 * Exports decks to PDF with the system Chromium (never a browser download): one `slidev export` process
 * for all chosen decks, each written as `<pdfDir>/<slug>.pdf` (the deck's `exportFilename`).
 *
 *   const pdfs = await exportDecks('/book', { pdfDir: '/book/dist/pdf', executablePath: '/usr/bin/chromium', chapters: ['53'] });
 *   // → [{ slug: '53-kubernetes', pdf: '/book/dist/pdf/53-kubernetes.pdf' }]
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BookError, diagnostic } from '../core/diagnostics.ts';
import { generateDecks, writeDecks, type GenerateDecksOptions } from './generate.ts';
import { runSlidev } from './slidev.ts';

export interface ExportDecksOptions {
  /** Folder the PDFs are written to. */
  pdfDir: string;
  /** The Chromium to drive (e.g. /usr/bin/chromium); Playwright's own browsers are never downloaded. */
  executablePath: string;
  chapters?: readonly string[] | undefined;
  /** Site base for the book links printed on the slides ('/' by default). */
  base?: string | undefined;
  /** One PDF page per click step (code highlight steps) instead of one per slide. */
  withClicks?: boolean | undefined;
  onProgress?: ((message: string) => void) | undefined;
  generate?: Pick<GenerateDecksOptions, 'deckDir' | 'themeDir' | 'renderings'> | undefined;
}

export interface ExportedDeck {
  slug: string;
  pdf: string;
}

export async function exportDecks(root: string, options: ExportDecksOptions): Promise<ExportedDeck[]> {
  if (!existsSync(options.executablePath)) {
    throw new BookError(diagnostic({ file: options.executablePath, rule: 'slides-chromium', message: 'No Chromium at this path', hint: 'Install Debian\'s chromium (apt-get install chromium) or set BOOK_CHROMIUM to a Chromium binary.' }));
  }
  const set = generateDecks(root, { base: options.base, chapters: options.chapters, ...options.generate });
  const sources = writeDecks(set);
  const progress = options.onProgress ?? (() => {});
  const exported = await exportDeckSet({
    decks: set.decks.map((deck, index) => ({ slug: deck.slug, chapterFile: deck.chapterFile, source: sources[index] as string })),
    outDir: options.pdfDir,
    executablePath: options.executablePath,
    withClicks: options.withClicks,
    deckDir: set.deckDir,
    onStart: (slug) => progress(`Exporting ${slug} …`),
    onExported: ({ slug, pdf }) => progress(`Exported ${slug} → ${pdf}`),
  });
  return exported.map(({ slug, pdf }) => ({ slug, pdf }));
}

export interface DeckToExport {
  slug: string;
  chapterFile: string;
  /** Absolute path of the written deck Markdown. */
  source: string;
}

export interface ExportDeckSetOptions {
  decks: readonly DeckToExport[];
  /** Folder the PDFs are written to (`<outDir>/<slug>.pdf`). */
  outDir: string;
  executablePath: string;
  withClicks?: boolean | undefined;
  /** The deck folder, named in error messages. */
  deckDir: string;
  onStart?: ((slug: string) => void) | undefined;
  onExported?: ((deck: ExportedDeckTimed) => void) | undefined;
}

export interface ExportedDeckTimed extends ExportedDeck {
  /** Time from the deck's start (for the first deck: from Slidev's start) to its PDF. */
  ms: number;
}

/** Exports the given written decks with ONE `slidev export` process; throws a BookError naming the chapter. */
export async function exportDeckSet(options: ExportDeckSetOptions): Promise<ExportedDeckTimed[]> {
  if (options.decks.length === 0) return [];
  mkdirSync(options.outDir, { recursive: true });
  const pdfs = options.decks.map((deck) => ({ slug: deck.slug, pdf: join(options.outDir, `${deck.slug}.pdf`) }));
  for (const { pdf } of pdfs) rmSync(pdf, { force: true });

  const args = ['export', ...options.decks.map((deck) => deck.source), '--executable-path', options.executablePath, '--timeout', '60000'];
  if (options.withClicks) args.push('--with-clicks');
  let index = 0;
  let since = performance.now();
  const done: ExportedDeckTimed[] = [];
  const { NODE_ENV: _ignored, ...env } = process.env;
  const result = await runSlidev(args, {
    cwd: options.outDir,
    env,
    onLine(line) {
      if (/exported to/.test(line)) {
        const finished = pdfs[index];
        if (finished) {
          const now = performance.now();
          const deck = { ...finished, ms: now - since };
          since = now;
          done.push(deck);
          options.onExported?.(deck);
        }
        index += 1;
      } else if (/\bentry\b/.test(line)) {
        const deck = options.decks.find((d) => line.includes(`${d.slug}.md`));
        if (deck) options.onStart?.(deck.slug);
      }
    },
  });
  const failed = pdfs.find(({ pdf }) => !existsSync(pdf));
  if (result.code !== 0 || failed) {
    const deck = options.decks.find((d) => d.slug === (failed ?? pdfs[Math.min(index, pdfs.length - 1)])?.slug);
    const lastLines = result.output.split('\n').filter((l) => l.trim()).slice(-12).join('\n    ');
    throw new BookError(diagnostic({
      file: deck?.chapterFile ?? options.deckDir,
      line: 1,
      column: 1,
      rule: 'slides-export',
      message: `Slidev could not export the deck${deck ? ` of ${deck.slug}` : ''} to PDF:\n    ${lastLines}`,
      hint: 'Check that the Chromium path works (BOOK_CHROMIUM) and that the deck builds with npm run build.',
    }));
  }
  // Slidev prints one "exported to" line per deck; should a version print fewer, the PDFs are still there.
  for (const pdf of pdfs.slice(done.length)) done.push({ ...pdf, ms: 0 });
  return done;
}
