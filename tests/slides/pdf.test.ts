/**
 * PDFs of the decks, cached by content: the key covers everything a PDF depends on, an unchanged deck comes
 * from the cache without running Slidev, a changed one is exported again, and every deck that needs it goes
 * through ONE export. The pipeline is tested with a stand-in exporter (fast); one real `slidev export` with
 * the system Chromium proves the real exporter writes a PDF the cache then serves.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromiumOrNull } from '../../src/diagrams/chromium.ts';
import { pdfCacheKey, themeImports, type PdfKeyInput } from '../../src/slides/pdf-cache.ts';
import { preparePdfs, publishPdfs, type PdfExporter } from '../../src/slides/pdfs.ts';
import { THEME_DIR } from '../../src/slides/paths.ts';
import { fixtureRenderings, fixtureRoot } from './helpers.ts';

const scratch: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('pdfCacheKey', () => {
  let theme = '';
  let asset = '';
  let input: PdfKeyInput;
  beforeAll(() => {
    theme = join(tempDir('book-theme-'), 'theme');
    cpSync(THEME_DIR, theme, { recursive: true });
    asset = join(tempDir('book-asset-'), 'pod.svg');
    writeFileSync(asset, '<svg/>');
    input = { markdown: '# Deck\n', assets: new Map([['assets/53/pod.svg', asset]]), themeDir: theme, slidevVersion: '53.0.0', options: { withClicks: false } };
  });

  it('is stable for the same inputs, and changes with each thing the PDF depends on', () => {
    const key = pdfCacheKey(input);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(pdfCacheKey({ ...input, assets: new Map(input.assets) })).toBe(key);
    const changed = {
      markdown: pdfCacheKey({ ...input, markdown: '# Deck!\n' }),
      slidev: pdfCacheKey({ ...input, slidevVersion: '53.0.1' }),
      options: pdfCacheKey({ ...input, options: { withClicks: true } }),
      assetPlace: pdfCacheKey({ ...input, assets: new Map([['assets/53/other.svg', asset]]) }),
    };
    for (const [what, value] of Object.entries(changed)) expect(value, what).not.toBe(key);

    writeFileSync(asset, '<svg width="1"/>');
    expect(pdfCacheKey(input), 'asset bytes').not.toBe(key);
    writeFileSync(asset, '<svg/>');
    expect(pdfCacheKey(input)).toBe(key);

    const css = join(theme, 'styles', 'book.css');
    writeFileSync(css, `${readFileSync(css, 'utf8')}\n/* changed */\n`);
    expect(pdfCacheKey(input), 'theme file').not.toBe(key);
  });

  it('changes with a toolkit source the theme imports (its code colours live in src/slides/)', () => {
    expect(themeImports(THEME_DIR).map((file) => relative(join(THEME_DIR, '..', '..'), file))).toEqual(expect.arrayContaining(['src/core/colour.ts', 'src/slides/code-theme.ts', 'src/slides/hanging-indent.ts', 'src/slides/presenter-keys.ts']));
    const shared = join(theme, '..', 'shared.ts');
    writeFileSync(shared, 'export const A = 1;\n');
    writeFileSync(join(theme, 'setup', 'uses-shared.ts'), "import { A } from '../../shared.ts';\nexport default A;\n");
    const key = pdfCacheKey(input);
    writeFileSync(shared, 'export const A = 2;\n');
    expect(pdfCacheKey(input)).not.toBe(key);
  });
});

/** A stand-in for `slidev export`: records each call and writes a small fake PDF per deck. */
function fakeExporter(calls: string[][]): PdfExporter {
  return async ({ decks, outDir, onExported }) => {
    calls.push(decks.map((deck) => deck.slug));
    mkdirSync(outDir, { recursive: true });
    return decks.map((deck) => {
      const pdf = join(outDir, `${deck.slug}.pdf`);
      writeFileSync(pdf, `%PDF-1.4 fake ${deck.slug}\n`);
      onExported({ slug: deck.slug, pdf, ms: 1200 });
      return { slug: deck.slug, pdf, ms: 1200 };
    });
  };
}

describe('preparePdfs with a stand-in exporter', () => {
  it('exports missing decks in one call, serves unchanged ones from the cache, re-exports a changed one', async () => {
    const root = join(tempDir('book-pdf-'), 'book');
    cpSync(fixtureRoot('book'), root, { recursive: true });
    const cacheDir = tempDir('book-pdf-cache-');
    const calls: string[][] = [];
    const run = async () => {
      const lines: string[] = [];
      const pdfs = await preparePdfs(root, {
        cacheDir, executablePath: '/usr/bin/chromium', base: '/book/', exporter: fakeExporter(calls),
        onProgress: (line) => lines.push(line), generate: { renderings: fixtureRenderings, deckDir: join(root, '.slidev', 'decks') },
      });
      return { pdfs, lines };
    };

    const cold = await run();
    expect(calls).toEqual([['50-fastapi', '53-kubernetes']]);
    expect(cold.lines).toEqual(['pdf 50-fastapi: exported in 1.2 s', 'pdf 53-kubernetes: exported in 1.2 s']);
    expect(cold.pdfs.map((p) => [p.slug, p.cached])).toEqual([['50-fastapi', false], ['53-kubernetes', false]]);
    for (const pdf of cold.pdfs) expect(readFileSync(pdf.file, 'utf8')).toContain(pdf.slug);

    const warm = await run();
    expect(calls).toHaveLength(1);
    expect(warm.lines).toEqual(['pdf 50-fastapi: cached', 'pdf 53-kubernetes: cached']);
    expect(warm.pdfs.map((p) => p.file)).toEqual(cold.pdfs.map((p) => p.file));

    const chapter = join(root, 'chapters', '53-kubernetes', 'index.mdx');
    writeFileSync(chapter, readFileSync(chapter, 'utf8').replace('Deployment and Service', 'Deployment and its Service'));
    const changed = await run();
    expect(calls).toEqual([['50-fastapi', '53-kubernetes'], ['53-kubernetes']]);
    expect(changed.lines).toEqual(['pdf 50-fastapi: cached', 'pdf 53-kubernetes: exported in 1.2 s']);
    expect(changed.pdfs[1]?.file).not.toBe(cold.pdfs[1]?.file);

    const dist = tempDir('book-pdf-dist-');
    expect(publishPdfs(changed.pdfs, join(dist, 'slides'))).toEqual([join(dist, 'slides/50-fastapi/50-fastapi.pdf'), join(dist, 'slides/53-kubernetes/53-kubernetes.pdf')]);
    expect(readFileSync(join(dist, 'slides/53-kubernetes/53-kubernetes.pdf'), 'utf8')).toContain('53-kubernetes');
  });

  it('an exporter that leaves a deck without a PDF is an error naming the chapter', async () => {
    const cacheDir = tempDir('book-pdf-cache-');
    const lazy: PdfExporter = async () => [];
    await expect(preparePdfs(fixtureRoot('book'), {
      cacheDir, executablePath: '/usr/bin/chromium', chapters: ['50'], exporter: lazy,
      generate: { renderings: fixtureRenderings, deckDir: join(tempDir('book-decks-'), 'decks') },
    })).rejects.toThrow(/chapters\/50-fastapi\/index\.mdx.*no PDF for 50-fastapi/s);
    expect(existsSync(join(cacheDir, 'tmp'))).toBe(false);
  });
});

const browserPath = findChromiumOrNull({ env: process.env, home: homedir() });
describe.skipIf(!browserPath)('preparePdfs with the real slidev export', () => {
  it('writes a real PDF into the cache, then serves it without exporting again', async () => {
    const cacheDir = tempDir('book-pdf-cache-');
    const options = { cacheDir, executablePath: browserPath ?? '', chapters: ['50'], generate: { renderings: fixtureRenderings } };
    const lines: string[] = [];
    const [first] = await preparePdfs(fixtureRoot('book'), { ...options, onProgress: (line) => lines.push(line) });
    expect(lines).toEqual([expect.stringMatching(/^pdf 50-fastapi: exported in \d+\.\d s$/)]);
    expect(readFileSync(first?.file ?? '').subarray(0, 5).toString()).toBe('%PDF-');
    // The second run may not export at all: an exporter that fails if called proves it, on any machine load.
    const never: PdfExporter = async () => {
      throw new Error('the unchanged deck was exported again');
    };
    const [again] = await preparePdfs(fixtureRoot('book'), { ...options, exporter: never, onProgress: (line) => lines.push(line) });
    expect(again).toEqual({ ...first, cached: true });
    expect(lines.at(-1)).toBe('pdf 50-fastapi: cached');
  }, 120_000);
});
