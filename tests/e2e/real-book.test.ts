/**
 * The real book, whatever chapters exist today: chapters/, snippets/ and diagrams/ are copied into the
 * git-ignored tests/e2e/.scratch-real/ and built once there (the repo's dist/ and diagram cache are never
 * touched), then read in Chromium like the fixture book. With no chapters yet this is the landing page, the
 * authoring guide and no decks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkLinks, formatLinkProblem, LinkChecker } from '../../src/links/index.ts';
import { systemChromium } from '../support/browser.ts';
import { A11Y_JOBS, BOOK_VIEWPORT, checkCopyButtons, checkDiagramButtons, checkDiagrams, checkPagesA11y, checkPagesLoad, checkPrevNext, expectedSidebar, openBook, search, sidebarOf, type BookSession } from './support/browser-book.ts';
import { checkDeckA11y, checkDeckNavigation, walkDeck, type DeckWalk } from './support/browser-decks.ts';
import { buildScratchBook, REPO, type BookUnderTest } from './support/scratch-book.ts';
import { mapPool } from '../../src/verify/pool.ts';

/**
 * Diagrams whose smallest label is still under 14 px on its slide at 1280×720 (measured on 2026-12-02, the
 * px it had then): each needs a slide-sized re-layout (top to bottom, fewer nodes, or a slide-only version),
 * which CSS cannot give. They are listed, not hidden: a listed diagram that now passes fails the test until
 * its entry is removed, and any diagram not listed must pass. [deck, alt text (first 40 characters), px]
 */
const SMALL_DIAGRAM_LABELS: readonly (readonly [string, string, number])[] = [
];
const isListedSmallDiagram = (problem: string) =>
  SMALL_DIAGRAM_LABELS.some(([deck, alt]) => problem.includes(`deck ${deck}, slide`) && problem.includes(`diagram label in img "${alt}"`));

/**
 * Decks walked at once. A walk waits on Slidev's transitions and its own page's renderer for much of its
 * time; alone at the end of `npm test` one walk left a core idle (vmstat: 20-55 % idle in CI24's last minutes).
 */
const DECK_JOBS = 2;

let book: BookUnderTest;

beforeAll(async () => {
  book = await buildScratchBook({ name: 'real', from: REPO });
});

const deckSlides = () => Object.fromEntries(book.decks.map((d) => [`slides/${d.slug}/index.html`, d.slides]));
/** The words of a page's main content, as the reader sees them. */
const mainText = (file: string) => (/<main[\s\S]*<\/main>/.exec(readFileSync(join(book.dist, file), 'utf8'))?.[0] ?? '').replace(/<[^>]+>/g, ' ').toLowerCase();

test('every internal link and anchor of the real book resolves', () => {
  const report = checkLinks({ dist: book.dist, base: book.base, deckSlides: deckSlides() });
  expect(report.problems.map(formatLinkProblem)).toEqual([]);
  expect(report.pages).toBeGreaterThanOrEqual(book.pages.length + book.decks.length);
});

describe.skipIf(!systemChromium())('the real book in Chromium', () => {
  let session: BookSession;
  beforeAll(async () => {
    session = await openBook(book);
  });
  afterAll(async () => {
    await session?.close();
  });

  test('the landing page, the authoring guide and every chapter load', async () => {
    expect(book.pages.map((p) => p.file)).toEqual(expect.arrayContaining(['index.html', 'authoring/index.html']));
    expect(await checkPagesLoad(session)).toEqual([]);
  });

  test('the sidebar and prev/next follow stage and chapter order', async () => {
    expect(await sidebarOf(session, '')).toEqual(expectedSidebar(book));
    expect(await checkPrevNext(session)).toEqual([]);
  });

  test('copy buttons copy exactly the code shown, without region markers', async () => {
    expect((await checkCopyButtons(session, 'first-and-last')).problems).toEqual([]);
  });

  test('search finds a word of each chapter; no word found only in its hidden slides is indexed', async () => {
    const texts = new Map(book.pages.map((p) => [p.file, mainText(p.file)]));
    const everything = [...texts.values()].join(' ');
    const fragments = join(book.dist, 'pagefind/fragment');
    const indexed = readdirSync(fragments).map((f) => gunzipSync(readFileSync(join(fragments, f))).toString('utf8')).join('\n').toLowerCase();
    const problems: string[] = [];
    for (const chapter of book.book.chapters) {
      const file = `${chapter.slug}/index.html`;
      // A word of this chapter that no other page uses, so the chapter is the only result to wait for.
      const others = [...texts].filter(([page]) => page !== file).map(([, text]) => text).join(' ');
      const words = (texts.get(file) ?? '').match(/\b[a-z]{9,}\b/g) ?? [];
      const plain = words.filter((w) => !/(?:ing|ed|es|s)$/.test(w));
      // Pagefind stems words ("configure" also finds "configured" and "configuration" elsewhere), so prefer
      // a word whose first six letters no other page has; then one no other page has whole.
      const term = plain.find((w) => !others.includes(w.slice(0, 6))) ?? plain.find((w) => !new RegExp(`\\b${w}\\b`).test(others)) ?? plain[0] ?? words[0];
      if (term && !(await search(session, term)).includes(`${book.base}${chapter.slug}/`)) problems.push(`${file}: search for "${term}" does not find the chapter`);
      const slideText: string[] = [];
      for (const slide of chapter.slides.filter((s) => !s.book)) {
        visit({ type: 'root', children: [...slide.children, ...slide.notes] }, 'text', (node: { value: string }) => {
          slideText.push(node.value.toLowerCase());
        });
      }
      const hidden = slideText.join(' ');
      const secret = (hidden.match(/\b[a-z]{8,}\b/g) ?? []).find((w) => !everything.includes(w.slice(0, 6)));
      // Pagefind splits a word it does not know into parts ("lifecycle" finds "life"), so the negative
      // check reads the search index itself; the fixture book checks the same through the search dialog.
      if (secret && new RegExp(`\\b${secret}\\b`).test(indexed)) problems.push(`${file}: "${secret}", a word only on hidden slides, is in the search index`);
    }
    expect(problems).toEqual([]);
  });

  test('every diagram is visible at a sensible size in light and dark', async () => {
    expect((await checkDiagrams(session)).problems).toEqual([]);
  });

  test('no diagram\'s "open full size" button covers its drawing, at 390×844 and at 1440×900', async () => {
    expect((await checkDiagramButtons(session)).problems).toEqual([]);
  });

  test('every deck loads, navigates and presents, and no slide overflows, clips or shrinks text in any click step', async () => {
    const checker = new LinkChecker({ dist: book.dist, base: book.base, deckSlides: deckSlides() });
    // DECK_JOBS decks at a time, each in a browser context of its own (no storage or broadcast channel
    // shared between two decks being walked); the problems come out in deck order either way.
    const found = await mapPool(book.decks, DECK_JOBS, async (deck) => {
      const problems: string[] = [];
      const own: BookSession = { ...session, context: await session.browser.newContext({ viewport: BOOK_VIEWPORT }) };
      let walk: DeckWalk;
      try {
        problems.push(...(await checkDeckNavigation(own, deck)));
        walk = await walkDeck(own, deck);
      } finally {
        await own.context.close();
      }
      problems.push(...walk.overflows, ...walk.illegible.filter((p) => !isListedSmallDiagram(p)));
      for (const [slug, alt] of SMALL_DIAGRAM_LABELS.filter(([slug]) => slug === deck.slug)) {
        if (!walk.illegible.some((p) => isListedSmallDiagram(p) && p.includes(`img "${alt}"`))) problems.push(`deck ${slug}: diagram "${alt}" now has labels of 14 px or more: remove it from SMALL_DIAGRAM_LABELS`);
      }
      for (const [slide, href] of walk.links) {
        const outcome = checker.checkRef(`slides/${deck.slug}/index.html`, { url: href, tag: 'a', line: 0, column: 0 });
        if (outcome && 'problem' in outcome) problems.push(`deck ${deck.slug} slide ${slide}: ${outcome.problem.message}`);
      }
      return problems;
    });
    expect(found.flat()).toEqual([]);
    // Every slide and click step of twelve decks, measured in a real browser: minutes on a loaded machine.
  }, 900_000);

  test('axe: no serious or critical violations on any page or the first slides of any deck', async () => {
    const problems = await checkPagesA11y(session);
    problems.push(...(await mapPool(book.decks, A11Y_JOBS, (deck) => checkDeckA11y(session, deck))).flat());
    expect(problems).toEqual([]);
    // axe on every page and the first slides of twelve decks: it timed out at the default 120 s with the
    // machine's load at 16 (helpers and a cold provisioning beside it).
  }, 600_000);
});
