/**
 * One full build of the fixture book through `npm run build`'s pipeline, then checks on the output that
 * would catch each known pitfall of a Starlight book read from chapters/ coming back:
 *   1. empty sidebar (autogenerate looks only in src/content/docs)
 *   2. asides / heading anchors missing (chapters/ not in markdown.processedDirs)
 *   3. directives printed as literal text (Astro 7's default processor skips remark plugins)
 *   4. emptied <style> in inline SVG (Starlight's optimized mdx()) — see the diagram test
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';

/** How often one build parses the book and generates the decks (both are the bulk of our own build CPU). */
const work = vi.hoisted(() => ({ books: 0, deckSets: 0 }));
vi.mock('../../src/core/book.ts', async (original) => {
  const real = await original<typeof import('../../src/core/book.ts')>();
  return { ...real, loadBook: (...args: Parameters<typeof real.loadBook>) => ((work.books += 1), real.loadBook(...args)) };
});
vi.mock('../../src/slides/generate.ts', async (original) => {
  const real = await original<typeof import('../../src/slides/generate.ts')>();
  return { ...real, generateDecks: (...args: Parameters<typeof real.generateDecks>) => ((work.deckSets += 1), real.generateDecks(...args)) };
});
import { buildBook } from '../../src/cli/build-book.ts';
import { pageWeight } from '../../src/cli/page-weight.ts';
import type { PdfExporter } from '../../src/slides/pdfs.ts';
import { launchChromium, systemChromium } from '../support/browser.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

const root = fileURLToPath(new URL('./fixtures/book', import.meta.url));
const dist = join(root, 'dist');
const page = (path: string) => readFileSync(join(dist, path), 'utf8');
/** Visible text of the main content, tags stripped. */
const mainText = (html: string) => (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '').replace(/<[^>]+>/g, ' ');

let output: string[] = [];
let pdfCache = '';
/** Chapters the stand-in exporter was asked for (the real `slidev export` is tested in tests/slides/pdf.test.ts). */
const exported: string[] = [];
/** A stand-in for `slidev export` that writes a tiny PDF per deck, so the site build stays fast. */
const fakeExporter: PdfExporter = async ({ decks, outDir, onExported }) => {
  mkdirSync(outDir, { recursive: true });
  return decks.map((deck) => {
    exported.push(deck.slug);
    const pdf = join(outDir, `${deck.slug}.pdf`);
    writeFileSync(pdf, `%PDF-1.4 stand-in for ${deck.slug}\n`);
    onExported({ slug: deck.slug, pdf, ms: 10 });
    return { slug: deck.slug, pdf, ms: 10 };
  });
};

beforeAll(async () => {
  rmSync(dist, { recursive: true, force: true });
  output = [];
  pdfCache = mkdtempSync(join(tmpdir(), 'book-site-pdfs-'));
  const ok = await buildBook({
    root, decks: true, pdf: { executablePath: '/usr/bin/chromium', cacheDir: pdfCache, exporter: fakeExporter },
    log: (l) => output.push(l), warn: (l) => output.push(l), astroLogLevel: 'error',
  });
  expect(ok, output.join('\n')).toBe(true);
});
afterAll(() => {
  if (pdfCache) rmSync(pdfCache, { recursive: true, force: true });
});

describe('built fixture book', () => {
  test('one build generates the decks once and loads the book twice (once for the site, once with the decks\' hooks)', () => {
    expect(work).toEqual({ books: 2, deckSets: 1 });
  });

  test('every page is built', () => {
    for (const path of ['index.html', '50-fastapi/index.html', '53-kubernetes/index.html']) expect(existsSync(join(dist, path)), path).toBe(true);
  });

  test('pitfall 1: the sidebar lists the stages and chapters in order', () => {
    const sidebar = /<nav[^>]*aria-label="Main"[\s\S]*?<\/nav>/.exec(page('53-kubernetes/index.html'))?.[0] ?? '';
    const labels = [...sidebar.matchAll(/<span[^>]*>([^<]+)<\/span>|<a href="([^"]+)"/g)].map((m) => (m[1] ?? m[2] ?? '').trim()).filter(Boolean);
    const order = ['Part 7 overview', 'Foundational Infrastructure', '50. FastAPI fixture', 'Orchestration', '53. Kubernetes fixture'];
    const positions = order.map((label) => labels.indexOf(label));
    expect(positions.every((p) => p >= 0), `sidebar: ${labels.join(' | ')}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  test('prev/next follow chapter order', () => {
    const html = page('50-fastapi/index.html');
    expect(html).toMatch(/<a href="\/" rel="prev"/);
    expect(html).toMatch(/<a href="\/53-kubernetes\/" rel="next"/);
  });

  test('pitfall 2: asides and heading anchors work in chapters/', () => {
    const html = page('50-fastapi/index.html');
    expect(html).toContain('starlight-aside--tip');
    expect(html).toContain('sl-anchor-link');
  });

  test('pitfall 3: directives are processed, not printed', () => {
    const text = mainText(page('50-fastapi/index.html')) + mainText(page('53-kubernetes/index.html'));
    expect(text).not.toMatch(/::snippet|::diagram|::::slide|:::notes/);
    expect(text).toContain('readinessProbe');
    expect(text).not.toContain('#region');
  });

  test('snippets are highlighted code blocks with titles, highlights and copy buttons', () => {
    const html = page('53-kubernetes/index.html');
    expect(html).toContain('data-language="yaml"');
    expect(html).toMatch(/<figcaption[^>]*>[\s\S]*?Probes[\s\S]*?<\/figcaption>/);
    expect(html).toContain('title="Copy to clipboard"');
    expect(page('50-fastapi/index.html')).toMatch(/class="ec-line highlight/);
  });

  test('a diff snippet marks the overlay\'s inserted lines and the base\'s deleted lines', () => {
    const html = page('53-kubernetes/index.html');
    const block = /<figure[^>]*>(?:(?!<\/figure>)[\s\S])*?readyz[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
    const lines = [...block.matchAll(/<div class="ec-line([^"]*)"[^>]*>([\s\S]*?)<\/div><\/div>/g)].map((m) => ({ kind: /\bins\b/.test(m[1] ?? '') ? 'ins' : /\bdel\b/.test(m[1] ?? '') ? 'del' : 'same', text: (m[2] ?? '').replace(/<[^>]+>/g, '').replace(/&#x22;|&quot;/g, '"') }));
    expect(lines.filter((l) => l.kind === 'del').map((l) => l.text.trim())).toEqual(['return {"status": "ok"}']);
    expect(lines.filter((l) => l.kind === 'ins').map((l) => l.text.trim())).toContain('return {"status": "ok", "version": "2"}');
    expect(lines.filter((l) => l.kind === 'ins').map((l) => l.text.trim())).toContain('@app.get("/readyz")');
    expect(lines.find((l) => l.text.includes('/healthz'))?.kind).toBe('same');
    expect(block).not.toContain('#region');
  });

  test('each chapter opens with its learning goals', () => {
    const html = page('50-fastapi/index.html');
    const title = html.indexOf('<h1');
    const goals = html.indexOf('class="chapter-goals"');
    expect(title).toBeGreaterThan(0);
    expect(goals).toBeGreaterThan(title);
    expect(mainText(html)).toContain('Explain why blocking calls hurt async code');
  });

  test('slide blocks and notes stay out of the page unless marked book', () => {
    const html = page('50-fastapi/index.html');
    expect(html).not.toContain('zebra-quartz-sentinel');
    expect(html).not.toContain('kiwi-lantern-notes');
    expect(html).toContain('marigold-visible-slide');
  });

  test('decks are published beside the site and linked from chapters and sections', () => {
    expect(existsSync(join(dist, 'slides/50-fastapi/index.html'))).toBe(true);
    expect(existsSync(join(dist, 'slides/53-kubernetes/index.html'))).toBe(true);
    const html = page('50-fastapi/index.html');
    expect(html).toContain('href="/slides/50-fastapi/"');
    // Two slide blocks in one section: one link, to the first of them (slide 2; slide 1 is the title).
    expect(html.match(/class="deck-link"/g)).toHaveLength(1);
    expect(html).toContain('href="/slides/50-fastapi/#/2"');
    expect(page('index.html')).toContain('href="/slides/53-kubernetes/"');
  });

  test('each deck\'s PDF is published beside it and linked from the chapter\'s kicker, next to the deck', () => {
    expect(exported).toEqual(['50-fastapi', '53-kubernetes']);
    expect(output).toContain('  pdf 50-fastapi: exported in 0.0 s');
    for (const slug of ['50-fastapi', '53-kubernetes']) {
      expect(readFileSync(join(dist, `slides/${slug}/${slug}.pdf`), 'utf8')).toContain(`stand-in for ${slug}`);
      const kicker = /<p class="chapter-kicker">[\s\S]*?<\/p>/.exec(page(`${slug}/index.html`))?.[0] ?? '';
      expect(kicker).toContain(`href="/slides/${slug}/"`);
      expect(kicker).toMatch(new RegExp(`<a[^>]*href="/slides/${slug}/${slug}\\.pdf"[^>]*>PDF</a>`));
    }
  });

  test('the lecture decks page lists every deck from the book, with its links, slide count and presenter keys', () => {
    const html = page('lecture-decks/index.html');
    const rows = [...html.matchAll(/<tr data-deck="([^"]+)">([\s\S]*?)<\/tr>/g)].map((m) => ({ slug: m[1], row: m[2] ?? '' }));
    expect(rows.map((r) => r.slug)).toEqual(['50-fastapi', '53-kubernetes']);
    const first = rows[0]?.row ?? '';
    expect(first).toContain('50. FastAPI fixture');
    expect(first).toMatch(/>5</);
    for (const href of ['/slides/50-fastapi/', '/slides/50-fastapi/#/presenter/1', '/slides/50-fastapi/#/overview', '/slides/50-fastapi/50-fastapi.pdf']) expect(first).toContain(`href="${href}"`);
    expect(rows[1]?.row).toMatch(/>3</);
    const text = mainText(html);
    for (const action of ['Next click step or slide', 'Previous click step or slide', 'Overview of all slides', 'Fullscreen', 'Dark mode', 'Go to slide']) expect(text).toContain(action);
  });

  test('the lecture decks page is in the sidebar under For instructors, out of the reading order', () => {
    const html = page('lecture-decks/index.html');
    const sidebar = /<nav[^>]*aria-label="Main"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
    expect(sidebar).toContain('For instructors');
    expect(sidebar).toContain('href="/lecture-decks/"');
    expect(html).not.toMatch(/rel="(prev|next)"/);
  });

  test('unknown directives in prose survive as text', () => {
    const text = mainText(page('50-fastapi/index.html'));
    expect(text).toContain('10:30');
    expect(text).toContain('a:b');
  });

  test('pitfall 4: inline diagram SVGs keep their <style> (not emptied by optimized MDX)', () => {
    const html = page('53-kubernetes/index.html');
    const figure = /<figure class="book-diagram[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
    expect(figure).toContain('aria-label="A Service in front of two agent pods"');
    expect(figure).toContain('<figcaption>The agent behind a Service</figcaption>');
    const styles = [...figure.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => (m[1] ?? '').trim().length);
    expect(styles).toHaveLength(2);
    for (const length of styles) expect(length).toBeGreaterThan(200);
  });

  test('without BOOK_REPO_URL: no "Edit page" link and no "Last updated" date', () => {
    for (const path of ['index.html', '50-fastapi/index.html']) {
      expect(page(path)).not.toContain('Edit page');
      expect(page(path)).not.toMatch(/Last updated:?\s*<time/);
    }
  });

  test('dark mode: the theme switcher is on every page', () => {
    expect(page('index.html')).toContain('starlight-theme-select');
  });

  test('a chapter page ships under 15 KB of gzipped JS before search is opened', () => {
    const weight = pageWeight(dist, '53-kubernetes/index.html');
    expect(weight.jsGzip).toBeGreaterThan(0);
    expect(weight.jsGzip).toBeLessThan(15 * 1024);
  });

  test('the search index holds chapter text and no slide-only text', () => {
    const fragments = (readdirSync(join(dist, 'pagefind/fragment')) as string[]).filter((f) => f.endsWith('.pf_fragment'));
    const indexed = fragments.map((f) => gunzipSync(readFileSync(join(dist, 'pagefind/fragment', f))).toString('utf8')).join('\n');
    expect(indexed).toContain('quokka-chapter-term');
    expect(indexed).toContain('marigold-visible-slide');
    expect(indexed).not.toContain('zebra-quartz-sentinel');
    expect(indexed).not.toContain('kiwi-lantern-notes');
  });

  test('search excerpts hold no raw Markdown: no table row and no fence, while the prose around it stays indexed', () => {
    const fragments = (readdirSync(join(dist, 'pagefind/fragment')) as string[]).filter((f) => f.endsWith('.pf_fragment'));
    const contents = fragments.map((f) => {
      const text = gunzipSync(readFileSync(join(dist, 'pagefind/fragment', f))).toString('utf8');
      return JSON.parse(text.slice(text.indexOf('{'))) as { url: string; content: string };
    });
    for (const { url, content } of contents) {
      expect(content, url).not.toMatch(MARKDOWN_TABLE_ROW);
      expect(content, url).not.toMatch(MARKDOWN_FENCE);
    }
    const chapter = contents.find((c) => c.url === '/53-kubernetes/')?.content ?? '';
    expect(chapter).toContain('wallaby-review-term');
    expect(chapter).toContain('readinessProbe'); // code in other languages stays searchable
    // The Markdown file is still shown on the page, as a code block with its copy button.
    expect(page('53-kubernetes/index.html')).toMatch(/data-language="md"/);
  });
});

/** `| 4 | no readiness probe |`, `| --- | --- |`: a Markdown table row, as Pagefind flattens it. */
const MARKDOWN_TABLE_ROW = /\|[^|\n]*\S[^|\n]*\|[^|\n]*\S[^|\n]*\||\|\s*:?-{3,}/;
const MARKDOWN_FENCE = /```|~~~/;

describe.skipIf(!systemChromium())('search in a browser (Pagefind)', () => {
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => {
    server = await serveStatic(dist);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('finds chapter text and not hidden slide text', async () => {
    const tab = await browser.newPage();
    await tab.goto(`${server.url}/53-kubernetes/`);
    // A string, not a function: vitest would rewrite a function's dynamic import() for Node.
    const search = async (term: string): Promise<string[]> =>
      tab.evaluate(`(async () => {
        const pagefind = await import('/pagefind/pagefind.js');
        const result = await pagefind.search(${JSON.stringify(term)});
        return Promise.all(result.results.map(async (r) => (await r.data()).url));
      })()`);
    expect(await search('quokka-chapter-term')).toEqual(['/53-kubernetes/']);
    expect(await search('marigold-visible-slide')).toEqual(['/50-fastapi/']);
    expect(await search('zebra-quartz-sentinel')).toEqual([]);
    expect(await search('kiwi-lantern-notes')).toEqual([]);
  });

  test('excerpts of results near a Markdown code block show prose, not table rows or fences', async () => {
    const tab = await browser.newPage();
    await tab.goto(`${server.url}/53-kubernetes/`);
    const excerpts = async (term: string): Promise<string[]> =>
      tab.evaluate(`(async () => {
        const pagefind = await import('/pagefind/pagefind.js');
        const result = await pagefind.search(${JSON.stringify(term)});
        const data = await Promise.all(result.results.map((r) => r.data()));
        return data.flatMap((d) => [d.excerpt, ...(d.sub_results ?? []).map((s) => s.excerpt)]);
      })()`);
    const found = [...(await excerpts('readiness')), ...(await excerpts('review draft')), ...(await excerpts('wallaby-review-term'))];
    expect(found.length).toBeGreaterThan(0);
    for (const excerpt of found.map((e) => e.replace(/<\/?mark>/g, ''))) {
      expect(excerpt).not.toMatch(MARKDOWN_TABLE_ROW);
      expect(excerpt).not.toMatch(MARKDOWN_FENCE);
    }
  });

  test('diagram labels are drawn in the self-hosted diagram font, fetched from the site itself', async () => {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const fonts: string[] = [];
    tab.on('request', (request) => {
      if (request.resourceType() === 'font') fonts.push(request.url());
    });
    await tab.goto(`${server.url}/53-kubernetes/`, { waitUntil: 'networkidle' });
    const drawn = await tab.evaluate(async () => {
      await document.fonts.ready;
      const label = [...document.querySelectorAll('figure.book-diagram svg .nodeLabel, figure.book-diagram svg text')].find((el) => el.getClientRects().length > 0 && (el.textContent ?? '').trim() !== '');
      return {
        family: label ? getComputedStyle(label).fontFamily : 'no visible label',
        loaded: [...document.fonts].filter((face) => face.family.replace(/"/g, '') === 'Inter Variable' && face.status === 'loaded').length,
      };
    });
    expect(drawn.family).toMatch(/^"?Inter Variable"?,/);
    expect(drawn.loaded).toBeGreaterThan(0);
    expect(fonts.length).toBeGreaterThan(0);
    for (const url of fonts) expect(url.startsWith(server.url), url).toBe(true);
    await tab.close();
  });

  test('diagrams follow the theme toggle: one visible SVG of sensible size per theme', async () => {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await tab.goto(`${server.url}/53-kubernetes/`);
    const visible = async () =>
      tab.$$eval('figure.book-diagram svg', (svgs) =>
        svgs
          .map((svg) => ({ id: svg.id, box: svg.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0 && box.height > 0)
          .map(({ id, box }) => ({ id, width: Math.round(box.width), height: Math.round(box.height) })),
      );
    for (const theme of ['light', 'dark'] as const) {
      await tab.evaluate((t) => { document.documentElement.dataset['theme'] = t; }, theme);
      const shown = await visible();
      expect(shown, theme).toHaveLength(1);
      expect(shown[0]?.id).toMatch(new RegExp(`-${theme}$`));
      expect(shown[0]?.width).toBeGreaterThan(100);
      expect(shown[0]?.height).toBeGreaterThan(40);
    }
  });
});
