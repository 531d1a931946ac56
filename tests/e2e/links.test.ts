/**
 * The link checker (src/links/) on a hand-made built site, tests/e2e/fixtures/links-dist/, served below
 * /book/: one link of every kind that must resolve, and one of every kind that must not.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { checkLinks, externalSummary, formatLinkProblem, LinkChecker, pageUrl, parsePage } from '../../src/links/index.ts';

const dist = fileURLToPath(new URL('./fixtures/links-dist', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));
const options = { dist, base: '/book', site: 'https://book.example.org', deckSlides: { 'slides/50-fastapi/index.html': 4 } };

describe('checkLinks', () => {
  const report = checkLinks(options);

  test('reports each broken link once, at its page, line and column, with the reason', () => {
    expect(report.problems.map(formatLinkProblem).join('\n')).toMatchInlineSnapshot(`
      "index.html:7:1  broken link "./missing.js" (no such file)  [link-file]
        hint: The file is missing from the build: check the path, or that the asset is part of the site.
      index.html:15:1  broken link "50-fastapi/#healht" (no element with id "healht" on 50-fastapi/index.html)  [link-anchor]
        hint: Heading ids come from the heading text (## Readiness probes → #readiness-probes): fix the fragment, or link to the page without it.
      index.html:17:1  broken link "#nowhere" (no element with id "nowhere" on this page)  [link-anchor]
        hint: Heading ids come from the heading text (## Readiness probes → #readiness-probes): fix the fragment, or link to the page without it.
      index.html:18:1  broken link "54-cicd/" (no such page)  [link-page]
        hint: Check the path: a chapter is served at <base>NN-slug/ (with the trailing slash); fix the link or the page it names.
      index.html:19:1  broken link "/50-fastapi/" (outside the base path /book/)  [link-base]
        hint: The site is served under /book/: write the link relative to the page (e.g. ../53-kubernetes/) or start it with /book/.
      index.html:21:1  broken link "slides/50-fastapi/#/9" (slides/50-fastapi/index.html has 4 slides)  [link-slide]
        hint: Link to an existing slide (#/1 is the title slide), or to the deck without a fragment.
      index.html:22:1  broken link "slides/50-fastapi/#intro" (not a route of the deck)  [link-slide]
        hint: Link to a slide as #/N (slide numbers start at 1), or to the deck without a fragment.
      index.html:27:1  broken link "img/diagram.png" (no such file)  [link-file]
        hint: The file is missing from the build: check the path, or that the asset is part of the site.
      index.html:27:1  broken link "img/diagram@2x.png" (no such file)  [link-file]
        hint: The file is missing from the build: check the path, or that the asset is part of the site.
      index.html:29:1  broken link "slides/53-kubernetes/53-kubernetes.pdf" (no such file)  [link-file]
        hint: A deck's PDF is published by npm run build when it finds Chromium (not with --no-pdf or --site-only); a page may link it only when the build made it."
    `);
  });

  test('external links are listed, never fetched', () => {
    expect(externalSummary(report.external)).toEqual([
      'https://kubernetes.io/docs/  (2 links, first on 50-fastapi/index.html:9:1)',
      'mailto:author@example.org  (1 link, first on index.html:25:1)',
    ]);
  });

  test('counts pages and internal links', () => {
    expect(report.pages).toBe(3);
    expect(report.links).toBeGreaterThan(15);
  });
});

describe('pieces', () => {
  test('page URLs below the base', () => {
    expect(pageUrl('index.html', '/book/')).toBe('/book/');
    expect(pageUrl('53-kubernetes/index.html', '/book/')).toBe('/book/53-kubernetes/');
    expect(pageUrl('404.html', '/')).toBe('/404.html');
  });

  test('a page offers ids and a#name as fragment targets; a Slidev page is recognised', () => {
    const page = parsePage('<h2 id="probes">P</h2><a name="old"></a><svg><use href="#icon"/></svg>');
    expect([...page.ids]).toEqual(['probes', 'old']);
    expect(page.refs.map((r) => [r.tag, r.url])).toEqual([['use', '#icon']]);
    expect(page.isDeck).toBe(false);
    expect(parsePage('<meta property="slidev:version" content="53.0.0">').isDeck).toBe(true);
  });

  test('one link found elsewhere (e.g. on a rendered slide) is checked against the same site', () => {
    const checker = new LinkChecker(options);
    expect(checker.checkRef('slides/50-fastapi/index.html', { url: '/book/50-fastapi/#health', tag: 'a', line: 0, column: 0 })).toBeUndefined();
    const outcome = checker.checkRef('slides/50-fastapi/index.html', { url: '/book/50-fastapi/#probes', tag: 'a', line: 0, column: 0 });
    expect(outcome && 'problem' in outcome ? outcome.problem.message : outcome).toBe('broken link "/book/50-fastapi/#probes" (no element with id "probes" on 50-fastapi/index.html)');
  });
});

describe('node scripts/check-links.ts', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['scripts/check-links.ts', ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, BOOK_BASE_PATH: '', BOOK_SITE_URL: '' } });

  test('exits 1 and prints each broken link as page:line:col', () => {
    const result = run('--dist', dist, '--root', dist, '--base', '/book/', '--quiet');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('index.html:18:1  broken link "54-cicd/" (no such page)  [link-page]');
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^check-links: 3 pages, \d+ internal links, 9 broken, 3 distinct external URLs$/);
  });

  test('takes the base path from BOOK_BASE_PATH, and rejects bad options with exit code 2', () => {
    const withEnv = spawnSync(process.execPath, ['scripts/check-links.ts', '--dist', dist, '--root', dist, '--json'], { cwd: repo, encoding: 'utf8', env: { ...process.env, BOOK_BASE_PATH: '/book' } });
    const report = JSON.parse(withEnv.stdout) as { problems: { rule: string }[] };
    expect(report.problems.filter((p) => p.rule === 'link-base')).toHaveLength(1);
    const bad = run('--dist', dist, '--site', 'not a url');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatchInlineSnapshot(`
      "error: --site must be an http(s) origin such as https://example.org
      Run with --help for usage.
      "
    `);
  });
});
