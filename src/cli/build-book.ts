/**
 * The build pipeline behind `npm run build`, as a function of the book's root so tests can run it on a
 * fixture book:
 *
 *   1. check   every page through the shared core (stops on any error, all of them listed)
 *   2. pdfs    every deck's PDF, from the content-keyed cache or one `slidev export` (only with `pdf` set)
 *   3. site    `astro build` with the book's config → <root>/dist; a chapter links its PDF only if step 2 made it
 *   4. decks   every chapter's Slidev deck → <root>/dist/slides/<slug>/   (skipped with `decks: false`)
 *   5. publish the PDFs → <root>/dist/slides/<slug>/<slug>.pdf (exactly the ones step 3 linked)
 *
 * PDFs come before the site so a page knows which PDFs exist and never links a missing one.
 * A problem in a deck (a BookError from the slide generator) stops the build at the chapter's file:line.
 */
import { join } from 'node:path';
import { build } from 'astro';
import { bookAstroConfig } from '../site/config.ts';
import { checkBook } from './check-book.ts';
import { diagnostic, formatDiagnostic } from '../core/diagnostics.ts';
import { diagramSourcesOfBook, findStaleDiagrams } from '../diagrams/index.ts';
import { buildDecks, generateDecks, type DeckSet } from '../slides/index.ts';
import { preparePdfs, publishPdfs, type PdfExporter, type PreparedPdf } from '../slides/pdfs.ts';
import { formatDuration } from './run.ts';

/**
 * Names Vite and Astro define in import.meta.env themselves. Astro also copies every environment variable
 * into import.meta.env of prerendered pages, so an inherited one of these names wins: vitest sets BASE_URL,
 * MODE, DEV, PROD and SSR, which gave pages without the base path and Starlight's "search is only available
 * in production builds"; a CI system's BASE_URL would do the same.
 */
const ASTRO_ENV_NAMES = ['BASE_URL', 'SITE', 'ASSETS_PREFIX', 'MODE', 'DEV', 'PROD', 'SSR'] as const;

export interface BuildOptions {
  root: string;
  decks: boolean;
  /** Published origin and base path (BOOK_SITE_URL / BOOK_BASE_PATH in the CLI). */
  site?: string | undefined;
  base?: string | undefined;
  /** The repository's web address (BOOK_REPO_URL): edit links and last-updated dates. */
  repoUrl?: string | undefined;
  log: (line: string) => void;
  warn: (line: string) => void;
  /** Publish each deck's PDF (needs `decks`); absent: no PDFs and no PDF links. */
  pdf?: BuildPdfOptions | undefined;
  /** Printed at the PDF step when PDFs were wanted but cannot be made (no Chromium): what to do about it. */
  pdfSkipped?: string | undefined;
  /** Astro's own log level; 'warn' keeps test output short. */
  astroLogLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export interface BuildPdfOptions {
  /** The Chromium that exports them (findChromium); never downloaded. */
  executablePath: string;
  /** The PDF cache, outside the work tree (pdfCacheDir(process.env)). */
  cacheDir: string;
  /** Replaces `slidev export` (tests). */
  exporter?: PdfExporter | undefined;
}

export async function buildBook(options: BuildOptions): Promise<boolean> {
  const started = performance.now();
  const { root, log } = options;

  log('book: checking chapters …');
  const checked = checkBook(root, options.warn);
  if (!checked.ok) {
    log(`book: ${checked.summary}`);
    log('book: build stopped — fix the errors above (npm run check lists them again).');
    return false;
  }
  log(`book: ${checked.summary}`);

  const stale = findStaleDiagrams(root, diagramSourcesOfBook(root, checked.book));
  if (stale.length > 0) {
    for (const source of stale) {
      options.warn(formatDiagnostic(diagnostic({
        file: source.origin.file, line: source.origin.line, rule: 'diagram-stale',
        message: 'This Mermaid diagram has no up-to-date rendering in diagrams/.rendered/',
        hint: 'Run npm run diagrams, then commit diagrams/.rendered/.',
      })));
    }
    log(`book: build stopped — ${stale.length} diagram rendering${stale.length === 1 ? ' is' : 's are'} missing or stale.`);
    return false;
  }

  // The decks are generated once, here: their PDFs, the site's deck index (slide counts) and the deck build
  // all use this one set. A problem in a deck stops the build now, before the site is built.
  const set: DeckSet | undefined = options.decks ? generateDecks(root, { base: options.base, siteUrl: options.site }) : undefined;
  let pdfs: PreparedPdf[] = [];
  if (set && !options.pdf && options.pdfSkipped) log(options.pdfSkipped);
  if (set && options.pdf) {
    log('book: preparing the decks\' PDFs …');
    const pdfStarted = performance.now();
    pdfs = await preparePdfs(root, { set, cacheDir: options.pdf.cacheDir, executablePath: options.pdf.executablePath, exporter: options.pdf.exporter, onProgress: (line) => log(`  ${line}`) });
    const fresh = pdfs.filter((pdf) => !pdf.cached).length;
    log(`book: ${pdfs.length} PDF${pdfs.length === 1 ? '' : 's'} (${fresh} exported, ${pdfs.length - fresh} cached) in ${formatDuration(performance.now() - pdfStarted)}`);
  }

  log('book: building the site …');
  const siteStarted = performance.now();
  const shadowed = Object.fromEntries([...ASTRO_ENV_NAMES, 'NODE_ENV'].filter((name) => name in process.env).map((name) => [name, process.env[name]]));
  for (const name of Object.keys(shadowed)) delete process.env[name];
  // Vite decides DEV/PROD from NODE_ENV: an inherited "test" or "development" builds a dev-mode site.
  process.env['NODE_ENV'] = 'production';
  try {
    const slideCounts = set ? new Map(set.decks.map((deck) => [deck.slug, deck.slideCount])) : undefined;
    const config = bookAstroConfig({ root, book: checked.book, slideCounts, site: options.site, base: options.base, repoUrl: options.repoUrl, pdfs: pdfs.map((pdf) => pdf.slug) });
    await build({ ...config, configFile: false, logLevel: options.astroLogLevel ?? 'info' });
  } finally {
    delete process.env['NODE_ENV'];
    Object.assign(process.env, shadowed);
  }
  log(`book: site built in ${formatDuration(performance.now() - siteStarted)} → ${join(root, 'dist')}`);

  if (set) {
    log('book: building the lecture decks …');
    const decksStarted = performance.now();
    const decks = await buildDecks(root, { set, outDir: join(root, 'dist'), base: options.base, siteUrl: options.site, onProgress: (line) => log(`  ${line}`) });
    for (const warning of decks.warnings) options.warn(formatDiagnostic(warning));
    log(`book: ${decks.decks.length} deck${decks.decks.length === 1 ? '' : 's'} built in ${formatDuration(performance.now() - decksStarted)} → ${join(root, 'dist', 'slides')}`);
    const published = publishPdfs(pdfs, join(root, 'dist', 'slides'));
    if (published.length > 0) log(`book: ${published.length} PDF${published.length === 1 ? '' : 's'} published → ${join(root, 'dist', 'slides', '<slug>', '<slug>.pdf')}`);
  }
  log(`book: done in ${formatDuration(performance.now() - started)}`);
  return true;
}
