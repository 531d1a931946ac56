/**
 * The content key of a deck's PDF, and where cached PDFs live: outside the work tree, so a fresh clone on
 * the same machine reuses them.
 *
 *   pdfCacheKey({ markdown, assets: deck.assets, themeDir: THEME_DIR, slidevVersion: '53.0.0', options: { withClicks: false } })
 *   // → 'c0ffee…' (sha256 hex): changes when the deck Markdown, an asset's path or bytes as the deck holds them, any file of the
 *   //    theme folder or of the toolkit sources it imports (its code colours live in src/slides/), the Slidev
 *   //    version or an export option changes
 *   pdfCacheDir({ HOME: '/home/me' })   // → '/home/me/.cache/ai-cloud-native-book/decks-pdf'  ($BOOK_CACHE_DIR wins)
 *   slidevVersion()                      // → '53.0.0' (the installed @slidev/cli)
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { cacheRoot } from '../runtimes/config.ts';
import { slidevBin } from './slidev.ts';
import { deckAssetContent } from './write.ts';

/** Bump when the way PDFs are produced changes in a way the inputs below do not show. */
const KEY_FORMAT = 'deck-pdf-v2';

export interface PdfKeyInput {
  /** The generated deck Markdown, exactly as exported. */
  markdown: string;
  /** Deck-relative path → absolute source file (diagram SVGs, pictures). */
  assets: ReadonlyMap<string, string>;
  /** The Slidev theme folder; every file in it counts, and every file outside it that its sources import. */
  themeDir: string;
  slidevVersion: string;
  /** Export options that change the PDF (e.g. one page per click step). */
  options: Readonly<Record<string, unknown>>;
}

/** Every file below `dir`, relative with forward slashes, sorted (node_modules left out). */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((file) => !file.split('/').includes('node_modules'))
    .sort();
}

/** A relative import in a theme source (`from '../../../src/slides/code-theme.ts'`). */
const RELATIVE_IMPORT = /\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g;

/**
 * Files outside `themeDir` that its sources import, directly or through each other, sorted: the theme takes
 * its key help and its code colours from the toolkit's src/, and a change there changes the PDF too.
 */
export function themeImports(themeDir: string): string[] {
  const outside = new Set<string>();
  const queue = filesBelow(themeDir).filter((file) => /\.(?:[cm]?[jt]s|vue)$/.test(file)).map((file) => join(themeDir, file));
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const match of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const target = resolve(dirname(file), match[1] ?? '');
      if (outside.has(target) || !relative(themeDir, target).startsWith('..') || !existsSync(target)) continue;
      outside.add(target);
      queue.push(target);
    }
  }
  return [...outside].sort();
}

export function pdfCacheKey(input: PdfKeyInput): string {
  const hash = createHash('sha256');
  const part = (value: string | Buffer) => hash.update(value).update('\0');
  part(KEY_FORMAT);
  part(input.slidevVersion);
  part(JSON.stringify(Object.entries(input.options).sort(([a], [b]) => a.localeCompare(b))));
  part(input.markdown);
  for (const target of [...input.assets.keys()].sort()) {
    part(target);
    part(deckAssetContent(target, input.assets.get(target) as string));
  }
  for (const file of filesBelow(input.themeDir)) {
    part(file);
    part(readFileSync(join(input.themeDir, file)));
  }
  for (const file of themeImports(input.themeDir)) {
    part(relative(input.themeDir, file).split(sep).join('/'));
    part(readFileSync(file));
  }
  return hash.digest('hex');
}

export function pdfCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  return join(cacheRoot(env), 'decks-pdf');
}

/** The version of the installed Slidev CLI (its package.json sits one folder above its bin/). */
export function slidevVersion(): string {
  const manifest = JSON.parse(readFileSync(join(slidevBin(), '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
  return String(manifest.version ?? 'unknown');
}
