/**
 * The decks' PDFs for a build, cached by content (see pdf-cache.ts): an unchanged deck's PDF is taken from
 * the cache, the others are exported together by ONE `slidev export` and stored in the cache under their key.
 *
 *   const pdfs = await preparePdfs('/book', { cacheDir: pdfCacheDir(process.env), executablePath: '/usr/bin/chromium', base: '/book/', onProgress: console.log });
 *   // pdf 50-fastapi: cached
 *   // pdf 53-kubernetes: exported in 14.2 s
 *   // → [{ slug: '50-fastapi', chapterFile, file: '~/.cache/ai-cloud-native-book/decks-pdf/<key>.pdf', cached: true }, …]
 *   publishPdfs(pdfs, '/book/dist/slides')   // → ['/book/dist/slides/50-fastapi/50-fastapi.pdf', …]
 *
 * A published PDF sits in its deck's folder, `<dist>/slides/<slug>/<slug>.pdf` (Slidev's exportFilename),
 * served at `<base>slides/<slug>/<slug>.pdf`. The decks are generated with the options `buildDecks` uses,
 * so the PDF shows exactly the published deck.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BookError, diagnostic } from '../core/diagnostics.ts';
import { exportDeckSet, type DeckToExport, type ExportedDeckTimed } from './export.ts';
import { generateDecks, writeDecks, type DeckSet, type GenerateDecksOptions } from './generate.ts';
import { pdfCacheKey, slidevVersion } from './pdf-cache.ts';

/** Exports the given decks into `outDir/<slug>.pdf`; the real one is `slidev export`, tests pass a stand-in. */
export type PdfExporter = (request: { decks: readonly DeckToExport[]; outDir: string; executablePath: string; withClicks: boolean; deckDir: string; onExported: (deck: ExportedDeckTimed) => void }) => Promise<ExportedDeckTimed[]>;

export const slidevExporter: PdfExporter = (request) => exportDeckSet(request);

export interface PreparePdfsOptions {
  /** Folder of cached PDFs, `<key>.pdf` (pdfCacheDir(process.env) in the CLI). */
  cacheDir: string;
  /** The Chromium to export with (findChromium); never downloaded. */
  executablePath: string;
  /** Site base path ('/' by default); the book links on the slides include it. */
  base?: string | undefined;
  /** The published site (BOOK_SITE_URL), as given to buildDecks: the title slide's QR code. */
  siteUrl?: string | undefined;
  chapters?: readonly string[] | undefined;
  withClicks?: boolean | undefined;
  onProgress?: ((line: string) => void) | undefined;
  exporter?: PdfExporter | undefined;
  generate?: Pick<GenerateDecksOptions, 'deckDir' | 'themeDir' | 'renderings'> | undefined;
  /** Decks the caller has already generated (the build makes one set for PDFs, index and decks); generated here otherwise. */
  set?: DeckSet | undefined;
}

export interface PreparedPdf {
  slug: string;
  chapterFile: string;
  /** The PDF in the cache. */
  file: string;
  /** True when it came from the cache without exporting. */
  cached: boolean;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export async function preparePdfs(root: string, options: PreparePdfsOptions): Promise<PreparedPdf[]> {
  const progress = options.onProgress ?? (() => {});
  const withClicks = options.withClicks ?? false;
  const set = options.set ?? generateDecks(root, { base: options.base, chapters: options.chapters, siteUrl: options.siteUrl, ...options.generate });
  const version = slidevVersion();
  const planned = set.decks.map((deck) => {
    const key = pdfCacheKey({ markdown: deck.markdown, assets: deck.assets, themeDir: set.themeDir, slidevVersion: version, options: { withClicks, chromium: options.executablePath } });
    const file = join(options.cacheDir, `${key}.pdf`);
    return { deck, file, cached: existsSync(file) };
  });
  const missing = planned.filter((p) => !p.cached);

  for (const { deck } of planned.filter((p) => p.cached)) progress(`pdf ${deck.slug}: cached`);
  if (missing.length > 0) {
    const sources = writeDecks(set);
    const tmp = join(options.cacheDir, 'tmp', `${process.pid}-${Date.now()}`);
    const reported = new Set<string>();
    const report = (deck: ExportedDeckTimed) => {
      if (reported.has(deck.slug)) return;
      reported.add(deck.slug);
      progress(`pdf ${deck.slug}: exported in ${seconds(deck.ms)}`);
    };
    try {
      const exported = await (options.exporter ?? slidevExporter)({
        decks: missing.map(({ deck }) => ({ slug: deck.slug, chapterFile: deck.chapterFile, source: sources[set.decks.indexOf(deck)] as string })),
        outDir: tmp,
        executablePath: options.executablePath,
        withClicks,
        deckDir: set.deckDir,
        onExported: report,
      });
      for (const { deck, file } of missing) {
        const done = exported.find((e) => e.slug === deck.slug);
        if (!done || !existsSync(done.pdf)) {
          throw new BookError(diagnostic({
            file: deck.chapterFile, line: 1, column: 1, rule: 'slides-export',
            message: `The export finished but wrote no PDF for ${deck.slug}`,
            hint: `Run npm run slides:export -- ${deck.slug} to see Slidev's output; build with --no-pdf to skip PDFs meanwhile.`,
          }));
        }
        report(done);
        // Into the cache only once complete, under its key: an interrupted export never leaves a bad entry.
        renameSync(done.pdf, file);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
      try {
        rmdirSync(join(options.cacheDir, 'tmp'));
      } catch {
        // another build is exporting right now, or it was never created
      }
    }
  }
  return planned.map(({ deck, file, cached }) => ({ slug: deck.slug, chapterFile: deck.chapterFile, file, cached }));
}

/** Copies each PDF to `<slidesDir>/<slug>/<slug>.pdf`; returns the written paths in deck order. */
export function publishPdfs(pdfs: readonly PreparedPdf[], slidesDir: string): string[] {
  return pdfs.map((pdf) => {
    const target = join(slidesDir, pdf.slug, `${pdf.slug}.pdf`);
    mkdirSync(join(slidesDir, pdf.slug), { recursive: true });
    copyFileSync(pdf.file, target);
    return target;
  });
}
