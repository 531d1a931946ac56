/**
 * Publishes the decks: generates every deck source, then builds them all with ONE `slidev build` process
 * (multi-entry) into `<outDir>/slides/<slug>/`, served at `<base>slides/<slug>/`.
 *
 *   const result = await buildDecks('/book', { outDir: '/book/dist', base: '/book/', onProgress: console.log });
 *   // result.decks → [{ slug: '53-kubernetes', dir: '/book/dist/slides/53-kubernetes', url: '/book/slides/53-kubernetes/', slides: 9 }]
 *
 * How the URLs stay right with one process: Slidev's multi-entry build takes a single --base, so decks are
 * built with the relative base `./` and the hash router (`--router-mode hash`). Every asset URL is then
 * relative to the deck's index.html and a deep link `<base>slides/<slug>/#/4` needs no server rewrite.
 * Speaker notes ship (presenter mode works on the published deck) unless `withoutNotes` is set.
 * Problems in a chapter, or a Slidev failure, throw a BookError at the chapter's file:line.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BookError, diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import type { ChapterEntry } from '../core/book.ts';
import { generateDecks, writeDecks, type DeckSet, type GenerateDecksOptions } from './generate.ts';
import { normaliseBase } from './paths.ts';
import { runSlidev } from './slidev.ts';

export interface BuildDecksOptions {
  /** The site's output folder; decks go to `<outDir>/slides/<slug>/`. */
  outDir: string;
  /** The site's base path ('/' by default). */
  base?: string | undefined;
  /** Chapter numbers or slugs; all chapters when absent. */
  chapters?: readonly string[] | undefined;
  /** The published site (BOOK_SITE_URL): title slides get a QR code of their chapter's page. */
  siteUrl?: string | undefined;
  /** Leave speaker notes out of the published decks (default: keep them). */
  withoutNotes?: boolean | undefined;
  onProgress?: ((message: string) => void) | undefined;
  /** For tests: where deck sources go and how diagrams are found. */
  generate?: Pick<GenerateDecksOptions, 'deckDir' | 'themeDir' | 'renderings'> | undefined;
  /** Decks the caller has already generated with the same base, notes and site URL; generated here otherwise. */
  set?: DeckSet | undefined;
}

export interface BuiltDeck {
  slug: string;
  chapterFile: string;
  /** Absolute folder of the built deck. */
  dir: string;
  /** Where the site serves it, e.g. `/book/slides/53-kubernetes/`. */
  url: string;
  slides: number;
}

export interface BuildDecksResult {
  decks: BuiltDeck[];
  warnings: Diagnostic[];
  /** Absolute paths of the generated deck sources. */
  sources: string[];
}

/** Slidev names a failing slide's module `…/<deck>.md__slidev_<n>.md`; map it back to the chapter. */
function failurePlace(output: string, chapter: ChapterEntry): { line: number; column: number } {
  const match = /__slidev_(\d+)\.md/.exec(output);
  const slideNumber = match ? Number(match[1]) : 0;
  const block = slideNumber >= 2 ? chapter.slides[slideNumber - 2] : undefined;
  return block ? { line: block.line, column: block.column } : { line: 1, column: 1 };
}

export async function buildDecks(root: string, options: BuildDecksOptions): Promise<BuildDecksResult> {
  const progress = options.onProgress ?? (() => {});
  const base = normaliseBase(options.base);
  const set = options.set ?? generateDecks(root, { base, chapters: options.chapters, notes: !options.withoutNotes, siteUrl: options.siteUrl, ...options.generate });
  const sources = writeDecks(set);
  const slidesOut = join(options.outDir, 'slides');
  if (set.decks.length === 0) {
    progress('No chapters: no decks to build.');
    return { decks: [], warnings: set.warnings, sources };
  }
  progress(`Generated ${set.decks.length} deck source${set.decks.length === 1 ? '' : 's'} in ${set.deckDir}`);

  for (const deck of set.decks) rmSync(join(slidesOut, deck.slug), { recursive: true, force: true });
  mkdirSync(slidesOut, { recursive: true });
  // With one entry Slidev writes straight into --out; with several, into --out/<entry name>/.
  const out = set.decks.length === 1 ? join(slidesOut, set.decks[0]?.slug ?? '') : slidesOut;
  const args = ['build', ...sources, '--base', './', '--router-mode', 'hash', '--out', out];
  if (options.withoutNotes) args.push('--without-notes');

  let current = -1;
  const started = Date.now();
  const result = await runSlidev(args, {
    cwd: set.deckDir,
    // A NODE_ENV inherited from the caller (vitest sets "test") would make Vite bundle Vue's dev-only code.
    env: { ...process.env, NODE_ENV: 'production' },
    onLine(line) {
      const index = set.decks.findIndex((deck) => line.includes(`${deck.slug}.md`) && /\bentry\b/.test(line));
      if (index >= 0 && index !== current) {
        current = index;
        progress(`Building deck ${index + 1}/${set.decks.length}: ${set.decks[index]?.slug}`);
      }
    },
  });
  const failed = set.decks[Math.max(current, 0)];
  if (result.code !== 0 && failed) {
    const chapter = set.chapters.find((c) => c.slug === failed.slug) as ChapterEntry;
    const lastLines = result.output.split('\n').filter((l) => l.trim()).slice(-12).join('\n    ');
    throw new BookError(diagnostic({
      file: failed.chapterFile,
      ...failurePlace(result.output, chapter),
      rule: 'slides-build',
      message: `Slidev could not build the deck of ${failed.slug}:\n    ${lastLines}`,
      hint: `Look at the generated ${failed.slug}.md in ${set.deckDir}; fix the slide in the chapter, or report a generator bug if the chapter is fine.`,
    }));
  }

  const decks: BuiltDeck[] = set.decks.map((deck) => {
    const dir = join(slidesOut, deck.slug);
    // Slidev adds SPA-fallback files meant for a deck at the site root; with a relative base and the hash
    // router they are useless, and `_redirects` would even be wrong (`./*`).
    for (const extra of ['_redirects', '404.html']) rmSync(join(dir, extra), { force: true });
    if (!existsSync(join(dir, 'index.html'))) {
      throw new BookError(diagnostic({ file: deck.chapterFile, line: 1, column: 1, rule: 'slides-build', message: `Slidev reported success but wrote no ${dir}/index.html`, hint: 'Run the build again; if it persists, report it with the Slidev output.' }));
    }
    return { slug: deck.slug, chapterFile: deck.chapterFile, dir, url: `${base}slides/${deck.slug}/`, slides: deck.slideCount };
  });
  progress(`Built ${decks.length} deck${decks.length === 1 ? '' : 's'} in ${((Date.now() - started) / 1000).toFixed(1)} s → ${slidesOut}`);
  return { decks, warnings: set.warnings, sources };
}
