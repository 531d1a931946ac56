/**
 * The checks fail when their subject is broken. tests/e2e/fixtures/broken has one chapter (55) with a
 * broken anchor, a link to a missing chapter, a diagram whose rendering is empty (planted in the scratch
 * copy under the diagram's real cache key), a diagram so wide its labels shrink under 12 px, a button without a name and a slide whose list runs off the
 * canvas. Each check must report exactly its fault, naming the page, or the chapter and slide number.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cachePath, diagramHash } from '../../src/diagrams/index.ts';
import { checkLinks, formatLinkProblem } from '../../src/links/index.ts';
import { systemChromium } from '../support/browser.ts';
import { checkDiagrams, checkPagesA11y, MIN_LABEL_PX, openBook, type BookSession } from './support/browser-book.ts';
import { walkDeck } from './support/browser-decks.ts';
import { buildScratchBook, type BookUnderTest } from './support/scratch-book.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/broken', import.meta.url));
const EMPTY_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0" viewBox="0 0 0 0"></svg>\n';
let book: BookUnderTest;

beforeAll(async () => {
  book = await buildScratchBook({
    name: 'broken',
    from: FIXTURE,
    prepare(root) {
      const hash = diagramHash(readFileSync(join(root, 'diagrams/55-dapr/sidecar.mmd'), 'utf8'));
      mkdirSync(join(root, 'diagrams/.rendered'), { recursive: true });
      for (const theme of ['light', 'dark'] as const) writeFileSync(join(root, cachePath(hash, theme)), EMPTY_SVG);
    },
  });
});

test('the link checker reports the broken anchor and the missing page', () => {
  const report = checkLinks({ dist: book.dist, base: book.base });
  expect(report.problems.map(formatLinkProblem).join('\n').replace(/:\d+:\d+ /g, ':L:C ')).toMatchInlineSnapshot(`
    "55-dapr/index.html:L:C  broken link "#state-store" (no element with id "state-store" on this page)  [link-anchor]
      hint: Heading ids come from the heading text (## Readiness probes → #readiness-probes): fix the fragment, or link to the page without it.
    55-dapr/index.html:L:C  broken link "../54-cicd/" (no such page)  [link-page]
      hint: Check the path: a chapter is served at <base>NN-slug/ (with the trailing slash); fix the link or the page it names."
  `);
});

describe.skipIf(!systemChromium())('in Chromium', () => {
  let session: BookSession;
  beforeAll(async () => {
    session = await openBook(book);
  });
  afterAll(async () => {
    await session?.close();
  });

  test('the empty diagram and the too-wide one are reported in both themes', async () => {
    const { problems, labels } = await checkDiagrams(session);
    expect(problems.map((line) => line.replace(/drawn at [\d.]+ px/, 'drawn at N px'))).toMatchInlineSnapshot(`
      [
        "55-dapr/index.html: diagram 1 "The agent and its Dapr sidecar" (light) renders empty: 0×0 px with 0 visible shapes (expected at least 80×30 px and 3 shapes)",
        "55-dapr/index.html: diagram 2 "A request from the browser to the model, through eight services" (light, 1440×900): its smallest label "Browser client" is drawn at N px, under 12 px: re-flow the .mmd (top to bottom, shorter labels) or let it use the full content width",
        "55-dapr/index.html: diagram 1 "The agent and its Dapr sidecar" (dark) renders empty: 0×0 px with 0 visible shapes (expected at least 80×30 px and 3 shapes)",
        "55-dapr/index.html: diagram 2 "A request from the browser to the model, through eight services" (dark, 1440×900): its smallest label "Browser client" is drawn at N px, under 12 px: re-flow the .mmd (top to bottom, shorter labels) or let it use the full content width",
      ]
    `);
    // The wide one's labels really are measured, and small: a check that measured nothing would pass it.
    for (const theme of ['light', 'dark']) expect(labels[`55-dapr/index.html diagram 2 (${theme})`]).toBeLessThan(MIN_LABEL_PX);
  });

  test('the overflowing slide is reported with its chapter line and slide number', async () => {
    const walk = await walkDeck(session, book.decks[0]!);
    expect(walk.overflows.map((line) => line.replace(/by \d+ px/, 'by N px'))).toMatchInlineSnapshot(`
      [
        "chapters/55-dapr/index.mdx:22  deck 55-dapr, slide 3: content overflows the slide canvas by N px at the bottom (li "Hot reloading")",
      ]
    `);
  });

  test('axe reports the button without a name, with rule, target and page', async () => {
    expect(await checkPagesA11y(session)).toMatchInlineSnapshot(`
      [
        "55-dapr/index.html: button-name (critical) at .sl-markdown-content > button[type="button"] — Buttons must have discernible text",
      ]
    `);
  });
});
