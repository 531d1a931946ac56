/**
 * The build pipeline behind `npm run build`, as a function of the book's root so tests can run it on a
 * fixture book:
 *
 *   1. check   every page through the shared core (stops on any error, all of them listed)
 *   2. site    `astro build` with the book's config → <root>/dist
 *   3. decks   every chapter's Slidev deck → <root>/dist/slides/<slug>/   (skipped with `decks: false`)
 *
 * A problem in a deck (a BookError from the slide generator) stops the build at the chapter's file:line.
 */
import { join } from 'node:path';
import { build } from 'astro';
import { bookAstroConfig } from '../site/config.ts';
import { checkBook } from './check-book.ts';
import { diagnostic, formatDiagnostic } from '../core/diagnostics.ts';
import { diagramSourcesOfBook, findStaleDiagrams } from '../diagrams/index.ts';
import { buildDecks } from '../slides/index.ts';
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
  /** Astro's own log level; 'warn' keeps test output short. */
  astroLogLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
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

  log('book: building the site …');
  const siteStarted = performance.now();
  const shadowed = Object.fromEntries([...ASTRO_ENV_NAMES, 'NODE_ENV'].filter((name) => name in process.env).map((name) => [name, process.env[name]]));
  for (const name of Object.keys(shadowed)) delete process.env[name];
  // Vite decides DEV/PROD from NODE_ENV: an inherited "test" or "development" builds a dev-mode site.
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ ...bookAstroConfig({ root, site: options.site, base: options.base, repoUrl: options.repoUrl }), configFile: false, logLevel: options.astroLogLevel ?? 'info' });
  } finally {
    delete process.env['NODE_ENV'];
    Object.assign(process.env, shadowed);
  }
  log(`book: site built in ${formatDuration(performance.now() - siteStarted)} → ${join(root, 'dist')}`);

  if (options.decks) {
    log('book: building the lecture decks …');
    const decksStarted = performance.now();
    const decks = await buildDecks(root, { outDir: join(root, 'dist'), base: options.base, onProgress: (line) => log(`  ${line}`) });
    for (const warning of decks.warnings) options.warn(formatDiagnostic(warning));
    log(`book: ${decks.decks.length} deck${decks.decks.length === 1 ? '' : 's'} built in ${formatDuration(performance.now() - decksStarted)} → ${join(root, 'dist', 'slides')}`);
  }
  log(`book: done in ${formatDuration(performance.now() - started)}`);
  return true;
}
