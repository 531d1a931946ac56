/**
 * The instructor's side of a built book, in headless Chromium: every deck loads, the arrow key advances,
 * a deep link `#/N` opens slide N on a plain static host, the presenter view opens, no slide's content
 * leaves the slide canvas in any click step, and nothing is clipped inside its box or too small to read
 * from the back of a room (code 18 px, text 22 px, diagram labels 14 px at 1280×720), no code token is too
 * faint for a projector (4.5:1 against its code block, light and dark) and no wrapped code line continues at
 * the left edge where it would pass for a new line. Problems name the deck's chapter and the slide number.
 *
 *   await checkDeckNavigation(session, deck)   // → ['deck 53-kubernetes: deep link #/4 did not show slide 4']
 *   await walkDeck(session, deck)              // → { overflows: ['chapters/59-x/index.mdx:12  slide 3 …'], links, steps }
 */
import type { Page } from 'playwright-core';
import { formatViolation, seriousViolations } from '../../../src/a11y/axe.ts';
import { composite, contrastRatio, parseColour, toHex, type Rgba } from '../../../src/diagrams/contrast.ts';
import type { BookSession } from './browser-book.ts';
import { visit } from './browser-book.ts';
import { slideCode, slideDiagramLabels, slideLegibility, slideLinks, slideOverflow } from './in-page.ts';
import { slideOrigin, type BookDeck } from './scratch-book.ts';

const deckPath = (deck: BookDeck, route = '') => `slides/${deck.slug}/${route ? `#${route}` : ''}`;

async function showsSlide(page: Page, slide: number, timeout = 10_000): Promise<boolean> {
  return page
    .waitForFunction(`(() => { const el = document.querySelector('.slidev-page-${slide}'); return !!el && el.getBoundingClientRect().width > 0 && el.textContent.trim() !== ''; })()`, undefined, { timeout })
    .then(() => true, () => false);
}

/** Load, arrow key, deep link, presenter view. */
export async function checkDeckNavigation(session: BookSession, deck: BookDeck): Promise<string[]> {
  const name = `deck ${deck.slug} (${deck.chapterFile})`;
  const problems: string[] = [];
  const first = await visit(session, deckPath(deck), name);
  if (first.status !== 200) problems.push(`${name}: HTTP ${first.status}`);
  if (!(await showsSlide(first.page, 1))) problems.push(`${name}: slide 1 did not appear`);
  if (deck.slides > 1) {
    await first.page.keyboard.press('ArrowRight');
    if (!(await showsSlide(first.page, 2))) problems.push(`${name}: the right arrow key did not advance to slide 2`);
    const hash = await first.page.evaluate('location.hash');
    if (hash !== '#/2') problems.push(`${name}: after the right arrow the URL is ${String(hash)}, not #/2`);
  }
  problems.push(...first.problems);
  await first.page.close();

  const last = deck.slides;
  const deep = await visit(session, deckPath(deck, `/${last}`), `${name} #/${last}`);
  if (!(await showsSlide(deep.page, last))) problems.push(`${name}: deep link #/${last} did not show slide ${last}`);
  problems.push(...deep.problems);
  await deep.page.close();

  const presenter = await visit(session, deckPath(deck, '/presenter/1'), `${name} presenter`);
  const opened = await presenter.page.locator('.slidev-presenter').waitFor({ timeout: 10_000 }).then(() => true, () => false);
  if (!opened) problems.push(`${name}: the presenter view (#/presenter/1) did not open`);
  else if (!(await presenter.page.locator('.slidev-presenter .slidev-page-1').first().isVisible())) problems.push(`${name}: the presenter view shows no current slide`);
  problems.push(...presenter.problems);
  await presenter.page.close();
  return problems;
}

/** Notes shown by the presenter view on slide N. */
export async function presenterText(session: BookSession, deck: BookDeck, slide: number): Promise<string> {
  const { page } = await visit(session, deckPath(deck, `/presenter/${slide}`), `deck ${deck.slug} presenter`);
  await page.locator('.slidev-presenter').waitFor({ timeout: 10_000 });
  // The notes pane renders after the presenter frame; with no notes it shows a placeholder, which has text too.
  await page.waitForFunction(`[...document.querySelectorAll('.slidev-presenter .slidev-note')].some((el) => el.textContent.trim() !== '')`, undefined, { timeout: 15_000 }).catch(() => undefined);
  const text = (await page.locator('.slidev-presenter').textContent()) ?? '';
  await page.close();
  return text;
}

interface Overflow { side: string; px: number; what: string }

/** A diagram label on a slide must be at least this big at 1280×720 (as inline SVG text in slideLegibility). */
const DIAGRAM_LABEL_MIN_PX = 14;

/** WCAG 2.x AA for normal-size text (1.4.3): code on a projector is normal-size text seen from afar. */
const MIN_CODE_CONTRAST = 4.5;

interface SlideCode {
  blocks: { what: string; backgrounds: string[]; tokens: { text: string; colour: string; dimmed: boolean }[] }[];
  wraps: { what: string; line: string; start: number; continuation: number }[];
}

/** The opaque colour a code block is painted in: its background over its ancestors', over a white canvas. */
function blockBackground(backgrounds: readonly string[]): Rgba {
  return backgrounds.reduceRight<Rgba>((under, css) => composite(parseColour(css), under), { r: 255, g: 255, b: 255, a: 1 });
}

/**
 * Code on one slide that a room cannot read, in both colour schemes (the deck follows the viewer's, so both
 * are measured by switching Slidev's `html.dark` class): a token under MIN_CODE_CONTRAST against its block,
 * and a wrapped line whose continuation starts at or left of the line's first character (it reads as a new
 * line of YAML or shell). Lines Slidev dims on purpose in a click step are left out: they are meant to recede.
 */
async function codeProblems(page: Page, slide: number): Promise<{ problems: string[]; tokens: number; wrapped: number }> {
  const problems: string[] = [];
  let tokens = 0;
  let wrapped = 0;
  const wasDark = (await page.evaluate('document.documentElement.classList.contains("dark")')) as boolean;
  for (const dark of [wasDark, !wasDark]) {
    await page.evaluate(`document.documentElement.classList.toggle('dark', ${dark})`);
    const code = (await page.evaluate(slideCode(slide))) as SlideCode;
    const theme = dark ? 'dark' : 'light';
    for (const block of code.blocks) {
      const background = blockBackground(block.backgrounds);
      for (const token of block.tokens.filter((t) => !t.dimmed)) {
        tokens += 1;
        const foreground = composite(parseColour(token.colour), background);
        const ratio = contrastRatio(foreground, background);
        if (ratio < MIN_CODE_CONTRAST) problems.push(`${block.what} (${theme}): "${token.text}" is ${toHex(foreground)} on ${toHex(background)}, ${ratio.toFixed(2)}:1, below ${MIN_CODE_CONTRAST}:1`);
      }
    }
    if (dark !== wasDark) continue;
    wrapped += code.wraps.length;
    for (const wrap of code.wraps) {
      if (wrap.continuation <= wrap.start + 0.5) problems.push(`${wrap.what}: the wrapped line "${wrap.line}" continues at ${Math.round(wrap.continuation)} px, not right of its start at ${Math.round(wrap.start)} px (it reads as a new line)`);
    }
  }
  await page.evaluate(`document.documentElement.classList.toggle('dark', ${wasDark})`);
  return { problems, tokens, wrapped };
}

export interface DeckWalk {
  overflows: string[];
  /** Content clipped inside its own box, text below its minimum size (see slideLegibility), faint or badly wrapped code (codeProblems). */
  illegible: string[];
  /** Links found on the slides: [slide, href]. */
  links: [number, string][];
  /** Slide and click states measured, e.g. ['1', '2', '2?clicks=1', …]. */
  steps: string[];
  /** How much code the contrast and wrap checks saw (distinct token colours × schemes, wrapped lines), all steps summed: 0 would mean they measured nothing. */
  code: { tokens: number; wrapped: number };
}

/**
 * Steps through the whole deck with the right arrow key, every click step included, and measures each
 * state: whatever lies outside the slide canvas is reported with the chapter line the slide comes from.
 */
export async function walkDeck(session: BookSession, deck: BookDeck): Promise<DeckWalk> {
  const { page } = await visit(session, deckPath(deck, '/1'), `deck ${deck.slug}`);
  const walk: DeckWalk = { overflows: [], illegible: [], links: [], steps: [], code: { tokens: 0, wrapped: 0 } };
  let hash = '#/1';
  const seen = new Set<number>();
  for (let step = 0; step < deck.slides * 12; step += 1) {
    const match = /^#\/(\d+)(?:\?clicks=(\d+))?/.exec(hash);
    if (!match) break;
    const slide = Number(match[1]);
    const clicks = Number(match[2] ?? 0);
    if (!(await showsSlide(page, slide))) {
      walk.overflows.push(`${slideOrigin(deck, slide)}  deck ${deck.slug}, slide ${slide}: did not appear`);
      break;
    }
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    walk.steps.push(`${slide}${clicks ? `?clicks=${clicks}` : ''}`);
    const result = (await page.evaluate(slideOverflow(slide))) as { missing: boolean; overflows: Overflow[] };
    for (const o of result.overflows) {
      walk.overflows.push(`${slideOrigin(deck, slide)}  deck ${deck.slug}, slide ${slide}${clicks ? ` (click ${clicks})` : ''}: content overflows the slide canvas by ${o.px} px at the ${o.side} (${o.what})`);
    }
    const legibility = (await page.evaluate(slideLegibility(slide))) as { clipped: { what: string; need: string; has: string }[]; small: { what: string; px: number; min: number; kind: string }[] };
    // Once per slide, whichever click step shows it first.
    const where = `${slideOrigin(deck, slide)}  deck ${deck.slug}, slide ${slide}`;
    const report = (line: string) => {
      if (!walk.illegible.includes(line)) walk.illegible.push(line);
    };
    for (const c of legibility.clipped) report(`${where}: ${c.what} is clipped (its content needs ${c.need} px, it shows ${c.has})`);
    for (const t of legibility.small) report(`${where}: ${t.kind} in ${t.what} is ${t.px} px, below ${t.min} px`);
    // Every click step: a line dimmed in one step is shown in full in another.
    const code = await codeProblems(page, slide);
    for (const problem of code.problems) report(`${where}: ${problem}`);
    walk.code.tokens += code.tokens;
    walk.code.wrapped += code.wrapped;
    if (!seen.has(slide)) {
      for (const d of (await page.evaluate(slideDiagramLabels(slide))) as { what: string; px: number }[]) {
        if (d.px < DIAGRAM_LABEL_MIN_PX) report(`${where}: diagram label in ${d.what} is ${d.px} px, below ${DIAGRAM_LABEL_MIN_PX} px`);
      }
    }
    if (!seen.has(slide)) {
      seen.add(slide);
      for (const href of (await page.evaluate(slideLinks(slide))) as string[]) walk.links.push([slide, href]);
    }
    await page.keyboard.press('ArrowRight');
    const before = hash;
    const changed = await page.waitForFunction(`location.hash !== ${JSON.stringify(before)}`, undefined, { timeout: slide >= deck.slides ? 1500 : 20_000 }).then(() => true, () => false);
    if (!changed) break;
    hash = (await page.evaluate('location.hash')) as string;
  }
  await page.close();
  const lastSlide = Math.max(0, ...seen);
  if (lastSlide !== deck.slides) walk.overflows.push(`${deck.chapterFile}  deck ${deck.slug}: the walk ended on slide ${lastSlide}, the deck has ${deck.slides}`);
  return walk;
}

/** axe on the first slides of a deck, the slide content only (Slidev's own controls are not ours). */
export async function checkDeckA11y(session: BookSession, deck: BookDeck, slides = 2): Promise<string[]> {
  const problems: string[] = [];
  for (let slide = 1; slide <= Math.min(slides, deck.slides); slide += 1) {
    const { page } = await visit(session, deckPath(deck, `/${slide}`), `deck ${deck.slug}`);
    await showsSlide(page, slide);
    const found = await seriousViolations(page, { label: `deck ${deck.slug} slide ${slide}`, include: `.slidev-page-${slide}` });
    problems.push(...found.map(formatViolation));
    await page.close();
  }
  return problems;
}
