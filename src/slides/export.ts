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
  const progress = options.onProgress ?? (() => {});
  if (!existsSync(options.executablePath)) {
    throw new BookError(diagnostic({ file: options.executablePath, rule: 'slides-chromium', message: 'No Chromium at this path', hint: 'Install Debian\'s chromium (apt-get install chromium) or set BOOK_CHROMIUM to a Chromium binary.' }));
  }
  const set = generateDecks(root, { base: options.base, chapters: options.chapters, ...options.generate });
  const sources = writeDecks(set);
  if (sources.length === 0) return [];
  mkdirSync(options.pdfDir, { recursive: true });
  const pdfs = set.decks.map((deck) => ({ slug: deck.slug, pdf: join(options.pdfDir, `${deck.slug}.pdf`) }));
  for (const { pdf } of pdfs) rmSync(pdf, { force: true });

  const args = ['export', ...sources, '--executable-path', options.executablePath, '--timeout', '60000'];
  if (options.withClicks) args.push('--with-clicks');
  let index = 0;
  const { NODE_ENV: _ignored, ...env } = process.env;
  const result = await runSlidev(args, {
    cwd: options.pdfDir,
    env,
    onLine(line) {
      if (/exported to/.test(line)) {
        const done = pdfs[index];
        if (done) progress(`Exported ${done.slug} → ${done.pdf}`);
        index += 1;
      } else if (/\bentry\b/.test(line)) {
        const deck = set.decks.find((d) => line.includes(`${d.slug}.md`));
        if (deck) progress(`Exporting ${deck.slug} …`);
      }
    },
  });
  const failed = pdfs.find(({ pdf }) => !existsSync(pdf));
  if (result.code !== 0 || failed) {
    const deck = set.decks.find((d) => d.slug === (failed ?? pdfs[Math.min(index, pdfs.length - 1)])?.slug);
    const lastLines = result.output.split('\n').filter((l) => l.trim()).slice(-12).join('\n    ');
    throw new BookError(diagnostic({
      file: deck?.chapterFile ?? set.deckDir,
      line: 1,
      column: 1,
      rule: 'slides-export',
      message: `Slidev could not export the deck${deck ? ` of ${deck.slug}` : ''} to PDF:\n    ${lastLines}`,
      hint: 'Check that the Chromium path works (BOOK_CHROMIUM) and that the deck builds with npm run build.',
    }));
  }
  return pdfs;
}
