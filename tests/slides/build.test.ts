/**
 * The real thing, once: `slidev build` of the fixture book's two decks (one multi-entry process), then the
 * built output served by a plain static server below a base path and opened in the system Chromium.
 *
 * External references allowed in the built HTML/JS/CSS, and why none of them is fetched at view time:
 * - http://www.w3.org/… : XML namespace names (SVG, XLink, MathML) used by Vue's DOM code; identifiers only.
 * - https://vuejs.org/error-reference/… : text of Vue's production error messages.
 * - https://sli.dev/custom/config-shortcuts.html : text of a Slidev console warning.
 * - https://github.com/slidevjs/slidev : an <a href> in Slidev's info dialog; only followed if clicked.
 * Anything else fails the test; the browser check then proves that no request leaves the deck's origin.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromiumOrNull } from '../../src/diagrams/chromium.ts';
import { buildDecks, type BuildDecksResult } from '../../src/slides/build.ts';
import { PRESENTER_KEYS } from '../../src/slides/presenter-keys.ts';
import { fixtureRenderings, fixtureRoot } from './helpers.ts';

const ALLOWED_URLS = [
  /^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink|1998\/Math\/MathML|XML\/1998\/namespace|2000\/xmlns\/)$/,
  /^https:\/\/vuejs\.org\/error-reference\/#(runtime|compiler)-\$\{\w+\}$/,
  /^https:\/\/sli\.dev\/custom\/config-shortcuts\.html$/,
  /^https:\/\/github\.com\/slidevjs\/slidev$/,
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

/** A plain static server (no SPA fallback) serving `dir` below `/book/`. */
function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (!path.startsWith('/book/') || path.includes('..')) {
      response.writeHead(404).end();
      return;
    }
    let file = join(dir, path.slice('/book/'.length));
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolvePromise) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolvePromise({ server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    });
  });
}

describe('slidev build of the fixture decks', () => {
  let outDir = '';
  let result: BuildDecksResult;
  const progress: string[] = [];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'book-decks-'));
    result = await buildDecks(fixtureRoot('book'), {
      outDir,
      base: '/book/',
      onProgress: (message) => progress.push(message),
      generate: { renderings: fixtureRenderings },
    });
  });
  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('writes each deck to <outDir>/slides/<slug>/, served at <base>slides/<slug>/', () => {
    expect(result.decks.map((d) => [d.slug, d.url, d.slides])).toEqual([
      ['50-fastapi', '/book/slides/50-fastapi/', 6],
      ['53-kubernetes', '/book/slides/53-kubernetes/', 12],
    ]);
    for (const deck of result.decks) {
      const names = readdirSync(deck.dir);
      expect(names).toContain('index.html');
      expect(names).toContain('favicon.svg');
      expect(names).not.toContain('_redirects');
    }
    expect(progress.some((line) => line.startsWith('Building deck 2/2: 53-kubernetes'))).toBe(true);
  });

  it('loads every asset relative to the deck URL', () => {
    for (const deck of result.decks) {
      const html = readFileSync(join(deck.dir, 'index.html'), 'utf8');
      const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
      expect(refs.length).toBeGreaterThan(3);
      for (const ref of refs) expect(ref, `${deck.slug}: ${ref}`).toMatch(/^\.\//);
    }
  });

  it('references no other host in the built HTML, JS and CSS', () => {
    const found = new Set<string>();
    for (const file of filesUnder(join(outDir, 'slides')).filter((f) => /\.(html|js|css|svg)$/.test(f))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/https?:\/\/[^\s"'`)<>\\]+/g)) found.add(match[0]);
    }
    const unexpected = [...found].filter((url) => !ALLOWED_URLS.some((allowed) => allowed.test(url)));
    expect(unexpected).toEqual([]);
    expect(found.size).toBeGreaterThan(0); // the scan did read the bundle
  });

  const browserPath = findChromiumOrNull({ env: process.env, home: homedir() });
  it.skipIf(!browserPath)('opens a deep link from a plain static server without leaving the deck origin', async () => {
    const { server, origin } = await serve(outDir);
    const browser = await chromium.launch({ executablePath: browserPath ?? '', args: [...CHROMIUM_ARGS] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      const requests: string[] = [];
      const failures: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      page.on('response', (response) => {
        if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
      });
      await page.goto(`${origin}/book/slides/53-kubernetes/#/3`, { waitUntil: 'networkidle' });
      const slide = page.locator('.slidev-page-3');
      await slide.waitFor();
      await expect.poll(() => slide.locator('h1').textContent(), { timeout: 15_000 }).toBe('The cluster');
      const light = slide.locator('img.book-diagram-light');
      await expect.poll(() => light.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 }).toBe(true);
      expect(await slide.locator('img.book-diagram-dark').isVisible()).toBe(false);
      // An SVG shown as an image cannot reach the deck's fonts: the diagram font travels inside it.
      const svg = await light.evaluate(async (img: HTMLImageElement) => (await fetch(img.src)).text());
      expect(svg).toMatch(/<style>@font-face \{[^}]*font-family: 'Inter Variable';[^}]*url\(data:font\/woff2;base64,/);
      expect(await slide.locator('a.book-link').getAttribute('href')).toBe('/book/53-kubernetes/#deploying-the-agent');

      // A ::snippet{diff} slide: a diff fence whose inserted and deleted lines Shiki colours apart.
      await page.goto(`${origin}/book/slides/53-kubernetes/#/10`, { waitUntil: 'networkidle' });
      const diff = page.locator('.slidev-page-10');
      await diff.waitFor();
      await expect.poll(() => diff.locator('h1').textContent(), { timeout: 15_000 }).toBe('What the cluster version changes');
      const lines = await diff.locator('pre.slidev-code .line').evaluateAll((nodes) =>
        nodes.map((node) => ({ text: node.textContent ?? '', color: getComputedStyle((node.firstElementChild ?? node) as Element).color })),
      );
      const inserted = lines.find((l) => l.text.startsWith('+') && l.text.includes('Field(max_length=2000)'));
      const deleted = lines.find((l) => l.text.startsWith('-') && l.text.includes('text: str'));
      const same = lines.find((l) => l.text.includes('class Answer'));
      expect(inserted && deleted && same, JSON.stringify(lines)).toBeTruthy();
      expect(new Set([inserted?.color, deleted?.color, same?.color]).size).toBe(3);

      expect(failures).toEqual([]);
      expect(requests.filter((url) => !url.startsWith(`${origin}/book/slides/53-kubernetes/`) && !url.startsWith('data:'))).toEqual([]);
    } finally {
      await browser.close();
      server.close();
    }
  });

  /** Slidev handles a key on its next frame; on a loaded 2-core machine that can take well over the 1 s default. */
  const POLL = { timeout: 15_000 };
  it.skipIf(!browserPath)('every key the Lecture decks page lists does what it says in the built deck', async () => {
    const { server, origin } = await serve(outDir);
    const browser = await chromium.launch({ executablePath: browserPath ?? '', args: [...CHROMIUM_ARGS] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      const slide = () => page.evaluate(() => location.hash);
      const open = async () => {
        await page.goto(`${origin}/book/slides/53-kubernetes/#/1`, { waitUntil: 'networkidle' });
        await page.locator('.slidev-page-1').waitFor();
      };
      // Slidev's QuickOverview: the one full-screen, scrolling modal layer.
      const overviewShown = () => page.locator('div.z-modal.overflow-y-auto').count();
      const dark = () => page.evaluate(() => document.documentElement.classList.contains('dark'));
      /** What pressing each key must do, starting on slide 1; a key listed without a check fails the test. */
      const checks: Record<string, () => Promise<void>> = {
        ArrowRight: async () => {
          await page.keyboard.press('ArrowRight');
          await expect.poll(slide, POLL).toBe('#/2');
          await page.keyboard.press(' ');
          await expect.poll(slide, POLL).toBe('#/3');
        },
        ArrowLeft: async () => {
          await page.keyboard.press('ArrowDown');
          await expect.poll(slide, POLL).toBe('#/2');
          await page.keyboard.press('ArrowLeft');
          await expect.poll(slide, POLL).toBe('#/1');
        },
        ArrowDown: async () => {
          await page.keyboard.press('ArrowDown');
          await expect.poll(slide, POLL).toBe('#/2');
          await page.keyboard.press('ArrowUp');
          await expect.poll(slide, POLL).toBe('#/1');
        },
        o: async () => {
          await page.keyboard.press('o');
          await expect.poll(overviewShown, POLL).toBe(1);
          await page.keyboard.press('Escape');
          await expect.poll(overviewShown, POLL).toBe(0);
        },
        g: async () => {
          await page.keyboard.press('g');
          await expect.poll(() => page.locator('#slidev-goto-dialog').getAttribute('class'), POLL).toContain('top-5');
          // The dialog focuses its input on the next tick: type only once it has the focus.
          const input = page.locator('#slidev-goto-input');
          await expect.poll(() => input.evaluate((el) => el === document.activeElement), POLL).toBe(true);
          await page.keyboard.type('4');
          await page.keyboard.press('Enter');
          await expect.poll(slide, POLL).toBe('#/4');
        },
        f: async () => {
          await page.keyboard.press('f');
          await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null), POLL).toBe(true);
          await page.keyboard.press('f');
          await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null), POLL).toBe(false);
        },
        '?': async () => {
          const help = page.getByRole('dialog', { name: 'Keys' });
          await page.keyboard.press('?');
          await expect.poll(() => help.isVisible(), POLL).toBe(true);
          // It lists every key of this table, and Esc closes it without leaving the slide.
          const text = (await help.textContent()) ?? '';
          expect(PRESENTER_KEYS.filter((key) => !text.includes(key.action)).map((key) => key.action)).toEqual([]);
          await expect.poll(() => help.getByRole('button', { name: 'Close (Esc)' }).evaluate((el) => el === document.activeElement), POLL).toBe(true);
          await page.keyboard.press('Escape');
          await expect.poll(() => help.count(), POLL).toBe(0);
          expect(await slide()).toBe('#/1');
        },
        d: async () => {
          const before = await dark();
          await page.keyboard.press('d');
          await expect.poll(dark, POLL).toBe(!before);
        },
      };
      expect(PRESENTER_KEYS.map((key) => key.press).filter((press) => !(press in checks))).toEqual([]);
      for (const key of PRESENTER_KEYS) {
        await open();
        await (checks[key.press] as () => Promise<void>)();
      }
    } finally {
      await browser.close();
      server.close();
    }
  });
});
