/**
 * The reader's side of a built book, driven in headless Chromium: pages load, sidebar and prev/next
 * order, copy buttons, search through Starlight's search dialog, diagrams under the theme toggle, axe.
 * Every check returns a list of problems (empty when all is well), each naming the page it concerns.
 *
 *   const session = await openBook(book);              // static server below the base + one browser
 *   await checkPagesLoad(session)                      // → ['53-kubernetes/index.html: HTTP 404', …]
 *   await search(session, 'probes')                    // → ['/book/53-kubernetes/']
 *   await session.close();
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { STAGES } from '../../../src/core/stages.ts';
import { formatViolation, seriousViolations } from '../../../src/a11y/axe.ts';
import { waitUntil } from '../../../src/runtimes/free-port.ts';
import { mapPool } from '../../../src/verify/pool.ts';
import { launchChromium } from '../../support/browser.ts';
import { CODE_BLOCKS, COPY_BUTTON_CODES, DIAGRAM_LABELS, DIAGRAMS, SIDEBAR } from './in-page.ts';
import type { BookUnderTest } from './scratch-book.ts';
import { serveBook, type BookServer } from './serve.ts';

export interface BookSession {
  book: BookUnderTest;
  server: BookServer;
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

export interface SidebarItem {
  kind: 'group' | 'link';
  label: string;
  href?: string;
}

const HARMLESS_ERRORS = [/^Wake Lock permission request denied$/];

/** Where two texts first differ, for a short message: 'line 3: "for word in (…" vs "for word  in (…"'. */
function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    if (left[i] !== right[i]) return `line ${i + 1}: ${JSON.stringify(left[i] ?? null)} vs ${JSON.stringify(right[i] ?? null)}`;
  }
  return 'identical';
}

/** The window the book is read in, unless a check needs another size. */
export const BOOK_VIEWPORT = { width: 1280, height: 900 } as const;

export async function openBook(book: BookUnderTest): Promise<BookSession> {
  const server = await serveBook(book.dist, book.base);
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: BOOK_VIEWPORT });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  return {
    book, server, browser, context,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Opens a page; `problems` collects script errors, console errors and failed same-origin requests. */
export async function visit(session: BookSession, path: string, label: string): Promise<{ page: Page; problems: string[]; status: number }> {
  const page = await session.context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => {
    // Slidev asks for a screen wake lock while presenting; headless Chromium always refuses it.
    if (!HARMLESS_ERRORS.some((pattern) => pattern.test(error.message))) problems.push(`${label}: script error: ${error.message}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${label}: console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url().startsWith(session.server.origin)) problems.push(`${label}: HTTP ${response.status()} for ${response.url().slice(session.server.origin.length)}`);
  });
  const response = await page.goto(`${session.server.url}${path}`, { waitUntil: 'load' });
  return { page, problems, status: response?.status() ?? 0 };
}

/** The landing page, every chapter and every other page answer 200 with their title and no errors. */
export async function checkPagesLoad(session: BookSession): Promise<string[]> {
  const problems: string[] = [];
  for (const entry of session.book.pages) {
    const { page, problems: found, status } = await visit(session, entry.path, entry.file);
    if (status !== 200) found.push(`${entry.file}: HTTP ${status}`);
    const title = (await page.locator('main h1').first().textContent({ timeout: 5000 }).catch(() => null))?.trim();
    if (title !== entry.title) found.push(`${entry.file}: the page's h1 is ${JSON.stringify(title ?? null)}, not ${JSON.stringify(entry.title)}`);
    await page.close();
    problems.push(...found);
  }
  return problems;
}

/** The sidebar the book should have: overview, each stage with its chapters in number order, book pages, contributing pages. */
export function expectedSidebar(book: BookUnderTest): SidebarItem[] {
  const items: SidebarItem[] = [];
  const landing = book.book.pages.find((page) => page.slug === '');
  if (landing) items.push({ kind: 'link', label: 'Part 7 overview', href: book.base });
  const chapters = [...book.book.chapters].sort((a, b) => a.number - b.number);
  for (const stage of STAGES) {
    const inStage = chapters.filter((c) => c.number >= stage.first && c.number <= stage.last);
    if (inStage.length === 0) continue;
    items.push({ kind: 'group', label: stage.title });
    for (const chapter of inStage) items.push({ kind: 'link', label: `${chapter.number}. ${chapter.title}`, href: `${book.base}${chapter.slug}/` });
  }
  const pages = book.book.pages.filter((page) => page.slug !== '');
  // Pages with `section: book` (the capstone) come after the chapters, as links of their own.
  for (const page of pages.filter((p) => p.frontmatter?.['section'] === 'book')) items.push({ kind: 'link', label: String(page.frontmatter?.['title'] ?? page.slug), href: `${book.base}${page.slug}/` });
  // Pages with `section: instructors` (the lecture decks) get their own group, out of the reading order.
  const teaching = pages.filter((p) => p.frontmatter?.['section'] === 'instructors');
  if (teaching.length > 0) {
    items.push({ kind: 'group', label: 'For instructors' });
    for (const page of teaching) items.push({ kind: 'link', label: String(page.frontmatter?.['title'] ?? page.slug), href: `${book.base}${page.slug}/` });
  }
  const others = pages.filter((page) => page.frontmatter?.['section'] !== 'book' && page.frontmatter?.['section'] !== 'instructors');
  if (others.length > 0) {
    items.push({ kind: 'group', label: 'Contributing' });
    for (const page of others) items.push({ kind: 'link', label: String(page.frontmatter?.['title'] ?? page.slug), href: `${book.base}${page.slug}/` });
  }
  return items;
}

export async function sidebarOf(session: BookSession, path: string): Promise<SidebarItem[]> {
  const { page } = await visit(session, path, path);
  const items = (await page.evaluate(SIDEBAR)) as SidebarItem[];
  await page.close();
  return items;
}

/**
 * On every page of the book's reading order (the landing page, the chapters, then `section: book` pages),
 * "previous" and "next" link to its neighbours in sidebar order; the last one has no "next". Contributor
 * pages are kept out of the reading order: they have neither link.
 */
export async function checkPrevNext(session: BookSession): Promise<string[]> {
  const sidebar = expectedSidebar(session.book);
  // Everything from the first group outside the reading order (For instructors, then Contributing) on has no prev/next.
  const outside = sidebar.findIndex((item) => item.kind === 'group' && (item.label === 'For instructors' || item.label === 'Contributing'));
  const links = (items: SidebarItem[]) => items.filter((item) => item.kind === 'link').map((item) => item.href ?? '');
  const order = links(outside === -1 ? sidebar : sidebar.slice(0, outside));
  const apart = outside === -1 ? [] : links(sidebar.slice(outside));
  const problems: string[] = [];
  const pages = [...order.map((href, index) => [href, order[index - 1], order[index + 1]] as const), ...apart.map((href) => [href, undefined, undefined] as const)];
  for (const [href, prev, next] of pages) {
    const { page } = await visit(session, href.slice(session.book.base.length), href);
    for (const [rel, expected] of [['prev', prev], ['next', next]] as const) {
      const link = page.locator(`.pagination-links a[rel="${rel}"]`);
      const actual = (await link.count()) > 0 ? await link.first().getAttribute('href') : undefined;
      if ((actual ?? undefined) !== expected) problems.push(`${href}: ${rel} link is ${actual ?? 'missing'}, expected ${expected ?? 'none'}`);
    }
    await page.close();
  }
  return problems;
}

const REGION_MARKER = /^\s*(?:#|\/\/|%%|<!--)\s*#?(?:end)?region\b/m;

/**
 * Clicks every code block's copy button on every chapter page and reads the clipboard: it must hold
 * exactly the code shown, without region marker lines. Returns the copied texts per page as well.
 */
/**
 * Which copy buttons are really clicked. `every` clicks each one (the fixture book). `first-and-last` clicks
 * two per page and checks every other button by the text its click handler copies: Expressive Code's handler
 * writes the button's `data-code` (newlines stored as U+007F) to the clipboard, and the two real clicks per
 * page prove that on the built page. Clicking each of the real book's hundreds of blocks took 93 s in CI.
 */
export type CopyClicks = 'every' | 'first-and-last';

export async function checkCopyButtons(session: BookSession, clicks: CopyClicks = 'every'): Promise<{ problems: string[]; copied: Record<string, string[]> }> {
  const problems: string[] = [];
  const copied: Record<string, string[]> = {};
  for (const entry of session.book.pages.filter((p) => p.chapter !== undefined)) {
    const { page } = await visit(session, entry.path, entry.file);
    // Expressive Code leaves comment lines out when copying a terminal frame (shell sessions): by design.
    const blocks = (await page.evaluate(CODE_BLOCKS)) as { text: string; terminal: boolean }[];
    const shown = blocks.map((b) => (b.terminal ? b.text.split('\n').filter((line) => !/^\s*#/.test(line)).join('\n').trim() : b.text));
    const buttons = page.locator('.expressive-code .copy button');
    const count = await buttons.count();
    if (count !== shown.length) problems.push(`${entry.file}: ${shown.length} code blocks but ${count} copy buttons`);
    const stored = (await page.evaluate(COPY_BUTTON_CODES)) as (string | null)[];
    const clicked = new Set(clicks === 'every' ? stored.keys() : [0, count - 1].filter((i) => i >= 0));
    copied[entry.file] = [];
    for (let i = 0; i < count; i += 1) {
      let text = (stored[i] ?? '').replace(/\u007f/g, '\n');
      if (clicked.has(i)) {
        await page.evaluate('navigator.clipboard.writeText("")');
        await buttons.nth(i).scrollIntoViewIfNeeded();
        await buttons.nth(i).click();
        const fromClick = (await page.evaluate('navigator.clipboard.readText()')) as string;
        if (stored[i] === null) problems.push(`${entry.file}: code block ${i + 1}: its copy button has no data-code`);
        else if (clicks !== 'every' && collapse(fromClick) !== collapse(text)) problems.push(`${entry.file}: code block ${i + 1}: a click copied other text than the button's data-code (${firstDifference(fromClick, text)})`);
        text = fromClick;
      }
      copied[entry.file]?.push(text);
      if (collapse(text) !== collapse(shown[i] ?? '')) problems.push(`${entry.file}: code block ${i + 1}: the copy button copied other text than the code shown (copied vs shown, ${firstDifference(text, shown[i] ?? '')})`);
      if (REGION_MARKER.test(text)) problems.push(`${entry.file}: code block ${i + 1}: copied text contains a region marker line`);
    }
    await page.close();
  }
  return { problems, copied };
}

/**
 * Chromium's selection-based copy (Expressive Code's fallback when the async clipboard call is refused)
 * collapses runs of blank lines; that is the browser's, not the book's, so runs compare as one.
 */
function collapse(text: string): string {
  return text.replace(/\n{3,}/g, '\n\n');
}

/**
 * How long a search may take to answer. Pagefind loads its UI, its WebAssembly and the index fragments on
 * first use; on a loaded 2-core machine that took over 10 s (a CI flake), so the waits follow the UI's state
 * with room for load.
 */
const SEARCH_TIMEOUT_MS = 45_000;

/** Searches through Starlight's search dialog, as a reader would; returns the result URLs. */
export async function search(session: BookSession, term: string): Promise<string[]> {
  const { page } = await visit(session, '', `search "${term}"`);
  // A click that lands before Starlight's search script has attached its handler opens nothing, and no wait
  // for the input can then succeed: click again, as a reader would, until the dialog shows its input.
  const input = page.locator('.pagefind-ui__search-input');
  const opened = Date.now() + SEARCH_TIMEOUT_MS;
  for (let attempt = 1; ; attempt += 1) {
    // Only when the dialog is closed: a click on the page behind an open modal would wait on the overlay.
    if ((await page.locator('dialog[open]').count()) === 0) await page.locator('button[data-open-modal]').first().click({ timeout: 10_000 });
    if (await input.waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
    if (Date.now() > opened) throw new Error(`search "${term}": the search dialog never showed its input (${attempt} clicks in ${SEARCH_TIMEOUT_MS / 1000} s)`);
  }
  // Typing before Pagefind has finished loading can be lost (no search runs, no message ever appears), so
  // type again, as a reader would, until the dialog answers for this term.
  // Pagefind first shows "Searching for <term>..." and only then "N results for <term>" or "No results for
  // <term>": wait for the answer, not the progress line (that mix-up made this check flaky).
  const answered = `((m) => m.includes(${JSON.stringify(term)}) && /(?:\\d+|No) results?/i.test(m))(document.querySelector('.pagefind-ui__message')?.textContent ?? '')`;
  const deadline = Date.now() + SEARCH_TIMEOUT_MS;
  for (let attempt = 1; ; attempt += 1) {
    await input.fill('');
    await input.fill(term);
    const ok = await page.waitForFunction(answered, undefined, { timeout: 8_000 }).then(() => true, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`search "${term}": the search dialog never answered (${attempt} attempts in ${SEARCH_TIMEOUT_MS / 1000} s)`);
  }
  const message = (await page.locator('.pagefind-ui__message').textContent()) ?? '';
  let urls: string[] = [];
  if (!/^\s*No results/i.test(message)) {
    // Pagefind UI shows the count first and fills in up to five results as their fragments load;
    // reading the links before all of them are there made this check flaky.
    const count = Number(/(\d+)\s+results?/i.exec(message)?.[1] ?? '1');
    const links = page.locator('.pagefind-ui__result-link');
    await page.waitForFunction(`document.querySelectorAll('.pagefind-ui__result-link').length >= ${Math.min(count, 5)}`, undefined, { timeout: SEARCH_TIMEOUT_MS });
    urls = [...new Set((await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))).map((href) => href.replace(/#.*$/, '')))];
  }
  await page.close();
  return urls;
}

interface DiagramVariant { present: boolean; visible: boolean; width: number; height: number; shapes: number; id?: string }
interface DiagramInfo { index: number; hash: string; label: string; light: DiagramVariant; dark: DiagramVariant }

/** Chooses a theme with Starlight's own theme select (the visible one), as a reader would. */
export async function chooseTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.locator('starlight-theme-select select').filter({ visible: true }).first().selectOption(theme);
  await page.waitForFunction(`document.documentElement.dataset.theme === ${JSON.stringify(theme)}`);
}

function variantProblems(file: string, diagram: DiagramInfo, theme: 'light' | 'dark'): string[] {
  const shown = diagram[theme];
  const hidden = diagram[theme === 'light' ? 'dark' : 'light'];
  const name = `${file}: diagram ${diagram.index} "${diagram.label}" (${theme})`;
  if (!shown.present) return [`${name} has no ${theme} SVG`];
  if (!shown.visible || shown.width < 80 || shown.height < 30 || shown.shapes < 3) {
    return [`${name} renders empty: ${shown.width}×${shown.height} px with ${shown.shapes} visible shapes (expected at least 80×30 px and 3 shapes)`];
  }
  if (hidden.visible) return [`${name}: the ${theme === 'light' ? 'dark' : 'light'} variant is shown too`];
  return [];
}

/** The desktop the label rule is measured on, and the smallest label size it allows there (CSS px). */
export const DESKTOP = { width: 1440, height: 900 } as const;
export const MIN_LABEL_PX = 12;
const PHONE = { width: 390, height: 844 } as const;

/** What DIAGRAM_LABELS measures on one page: each visible diagram SVG's smallest label, and the page around it. */
export interface DiagramLabels {
  scroll: { page: number; view: number };
  /** Right edge of the sidebar and left edge of the table of contents (null when not shown). */
  sidebar: number | null;
  toc: number | null;
  diagrams: { index: number; theme: 'light' | 'dark'; label: string; px: number | null; text: string; box: { left: number; right: number } }[];
}

/**
 * The label rule for one page at one viewport: every visible label drawn at MIN_LABEL_PX or more; a diagram
 * wider than the text column stays between the sidebar and the table of contents; the page never scrolls
 * sideways. One line per fault, naming page, diagram, theme, alt text and the figure to fix.
 */
export function labelProblems(file: string, measured: DiagramLabels, viewport: string, min = MIN_LABEL_PX): string[] {
  const problems: string[] = [];
  for (const d of measured.diagrams) {
    const name = `${file}: diagram ${d.index} "${d.label}" (${d.theme}, ${viewport})`;
    if (d.px !== null && d.px + 0.05 < min) {
      problems.push(`${name}: its smallest label "${d.text}" is drawn at ${d.px} px, under ${min} px: re-flow the .mmd (top to bottom, shorter labels) or let it use the full content width`);
    }
    if (measured.sidebar !== null && d.box.left < measured.sidebar) problems.push(`${name}: it starts at x=${d.box.left}, under the sidebar (which ends at ${measured.sidebar})`);
    if (measured.toc !== null && d.box.right > measured.toc) problems.push(`${name}: it ends at x=${d.box.right}, over the table of contents (which starts at ${measured.toc})`);
  }
  if (measured.scroll.page > measured.scroll.view) problems.push(`${file} (${viewport}): the page scrolls sideways (${measured.scroll.page} px of content in ${measured.scroll.view} px)`);
  return problems;
}

/** Each diagram's smallest label per theme, as measured at DESKTOP: `page diagram N (theme)` → px. */
export type LabelSizes = Record<string, number>;

/**
 * Every diagram is one visible SVG of sensible size; after choosing "Dark" the dark variant replaces it.
 * At DESKTOP (1440×900) every label is drawn at MIN_LABEL_PX or more in both themes, and a diagram never
 * overlaps the sidebar or table of contents; at phone width (390 px) no page with diagrams scrolls sideways.
 */
export async function checkDiagrams(session: BookSession): Promise<{ problems: string[]; diagrams: number; labels: LabelSizes }> {
  const problems: string[] = [];
  const labels: LabelSizes = {};
  let diagrams = 0;
  const withDiagrams: string[] = [];
  for (const entry of session.book.pages) {
    const { page } = await visit(session, entry.path, entry.file);
    if ((await page.locator('figure.book-diagram').count()) === 0) {
      await page.close();
      continue;
    }
    withDiagrams.push(entry.path);
    await page.setViewportSize(DESKTOP);
    for (const theme of ['light', 'dark'] as const) {
      await chooseTheme(page, theme);
      const shown = (await page.evaluate(DIAGRAMS)) as DiagramInfo[];
      if (theme === 'light') diagrams += shown.length;
      for (const diagram of shown) problems.push(...variantProblems(entry.file, diagram, theme));
      const measured = await measureLabels(page);
      problems.push(...labelProblems(entry.file, measured, '1440×900'));
      for (const d of measured.diagrams) if (d.px !== null) labels[`${entry.file} diagram ${d.index} (${d.theme})`] = d.px;
    }
    await chooseTheme(page, 'light');
    await page.close();
  }
  problems.push(...(await phoneScroll(session, withDiagrams)));
  return { problems, diagrams, labels };
}

/** DIAGRAM_LABELS once the page's fonts have loaded (a label's box depends on them, its size does not). */
async function measureLabels(page: Page): Promise<DiagramLabels> {
  await page.evaluate('document.fonts.ready.then(() => true)');
  return (await page.evaluate(DIAGRAM_LABELS)) as DiagramLabels;
}

/** At phone width a page with diagrams does not scroll sideways (diagrams shrink to the column there). */
async function phoneScroll(session: BookSession, paths: string[]): Promise<string[]> {
  const phone = await session.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const problems: string[] = [];
  for (const path of paths) {
    const page = await phone.newPage();
    await page.goto(`${session.server.url}${path}`, { waitUntil: 'load' });
    const measured = await measureLabels(page);
    if (measured.scroll.page > measured.scroll.view) problems.push(`${path || 'index.html'} (390 px phone): the page scrolls sideways (${measured.scroll.page} px of content in ${measured.scroll.view} px)`);
    await page.close();
  }
  await phone.close();
  return problems;
}

/**
 * How many pages axe audits at once. axe is CPU work in the page's renderer, and each page has its own, so
 * two pages keep both cores of a CI machine busy; the result is in page order either way.
 */
export const A11Y_JOBS = 2;

/** axe on every page of the book, A11Y_JOBS pages at a time: serious and critical violations, one line each. */
export async function checkPagesA11y(session: BookSession): Promise<string[]> {
  const found = await mapPool(session.book.pages, A11Y_JOBS, async (entry) => {
    const { page } = await visit(session, entry.path, entry.file);
    const violations = (await seriousViolations(page, { label: entry.file })).map(formatViolation);
    await page.close();
    return violations;
  });
  return found.flat();
}

/** How wide a diagram opened in the dialog, next to the text column and its natural width (px). */
export interface DialogSize { diagram: string; width: number; column: number; natural: number }

/** What the page shows of the diagram viewer at one moment. */
interface ViewerState {
  open: boolean;
  /** The visible SVG inside the open dialog: its id and rendered width in CSS pixels. */
  svg: { id: string; width: number; height: number } | null;
  /** Width of the chapter's text column. */
  column: number;
  /** A description of the focused element: 'dialog', 'trigger N' (N from 1) or its tag. */
  focus: string;
  /** Whether the visible SVG lies wholly inside the stage's visible area (its client box): the whole diagram shows. */
  fits: boolean;
  /** The zoom level the dialog shows, e.g. '42 %'. */
  level: string;
}

const VIEWER_STATE = `(() => {
  const dialog = document.querySelector('dialog.diagram-viewer');
  const open = !!dialog && dialog.open;
  const svg = open ? [...dialog.querySelectorAll('svg')].find((s) => s.getBoundingClientRect().width > 0) : undefined;
  const box = svg ? svg.getBoundingClientRect() : undefined;
  const triggers = [...document.querySelectorAll('figure.book-diagram button.book-diagram__open')];
  const active = document.activeElement;
  const index = triggers.indexOf(active);
  const focus = index >= 0 ? 'trigger ' + (index + 1) : dialog && dialog.contains(active) ? 'dialog' : (active ? active.tagName.toLowerCase() : 'none');
  const stage = dialog?.querySelector('.diagram-viewer__stage');
  const outer = stage?.getBoundingClientRect();
  const view = stage && outer ? { left: outer.left + stage.clientLeft, top: outer.top + stage.clientTop, right: outer.left + stage.clientLeft + stage.clientWidth, bottom: outer.top + stage.clientTop + stage.clientHeight } : undefined;
  const fits = !!box && !!view && box.left >= view.left - 0.5 && box.top >= view.top - 0.5 && box.right <= view.right + 0.5 && box.bottom <= view.bottom + 0.5;
  const level = dialog?.querySelector('.diagram-viewer__level')?.textContent?.trim() ?? '';
  return { open, svg: svg && box ? { id: svg.id, width: Math.round(box.width), height: Math.round(box.height) } : null, column: document.querySelector('.sl-markdown-content')?.clientWidth ?? 0, focus, fits, level };
})()`;

/**
 * The full-size diagram viewer, on every page with diagrams, as a mouse user and a keyboard user meet it:
 * each figure has a real button named after the diagram; a click (or Enter on the focused button) opens a
 * modal dialog showing the whole diagram, fitted and never enlarged (`sizes` tells how wide), with focus
 * inside; + and −, and Ctrl+wheel, zoom; Esc, the close button and a click outside close it, and focus
 * returns to the figure's button. At 390 px, 1:1 and Fit work too (checkPhoneDialogFit). The dark theme
 * shows the dark variant inside the dialog; without JavaScript and in print, no button shows.
 */
export async function checkDiagramViewer(session: BookSession): Promise<{ problems: string[]; opened: number; sizes: DialogSize[] }> {
  const problems: string[] = [];
  const sizes: DialogSize[] = [];
  let opened = 0;
  for (const entry of session.book.pages) {
    const { page, problems: found } = await visit(session, entry.path, entry.file);
    const figures = await page.locator('figure.book-diagram').count();
    if (figures === 0) {
      await page.close();
      continue;
    }
    const state = async () => (await page.evaluate(VIEWER_STATE)) as ViewerState;
    // After a step that failed to close the dialog, close it so the next step starts from the page.
    const closeLeftOpen = () => page.evaluate(`document.querySelector('dialog.diagram-viewer[open]')?.close()`);
    // On a loaded machine the click's handler may run a moment after the click returns.
    const opens = () => page.locator('dialog.diagram-viewer[open] svg').filter({ visible: true }).first().waitFor({ timeout: 5_000 }).catch(() => undefined);
    const triggers = page.locator('figure.book-diagram button.book-diagram__open');
    await triggers.first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    if ((await triggers.count()) !== figures) {
      problems.push(`${entry.file}: ${figures} diagrams but ${await triggers.count()} "open full size" buttons`);
      await page.close();
      continue;
    }
    for (let i = 0; i < figures; i += 1) {
      const name = `${entry.file}: diagram ${i + 1}`;
      const trigger = triggers.nth(i);
      const label = (await page.locator('figure.book-diagram').nth(i).locator('.book-diagram__svg svg').first().getAttribute('aria-label')) ?? '';
      const accessible = (await trigger.getAttribute('aria-label')) ?? (await trigger.textContent()) ?? '';
      if (label && !accessible.includes(label)) problems.push(`${name}: the button's accessible name ${JSON.stringify(accessible)} does not name the diagram (${JSON.stringify(label)})`);
      // 1. a click opens it; the diagram is wider than the column; zoom works; Esc closes; focus returns.
      await trigger.scrollIntoViewIfNeeded();
      await trigger.click();
      await opens();
      let now = await state();
      if (!now.open || !now.svg) {
        problems.push(`${name}: a click on the button opens no dialog with a visible diagram`);
        await closeLeftOpen();
        continue;
      }
      opened += 1;
      const natural = Number.parseFloat((await page.locator('dialog.diagram-viewer svg').filter({ visible: true }).first().getAttribute('width')) ?? '0');
      sizes.push({ diagram: name, width: now.svg.width, column: now.column, natural: Math.round(natural) });
      // It opens fitted: the whole diagram shows, at its natural size or smaller, never enlarged.
      if (!now.fits) problems.push(`${name}: the dialog opens on part of the diagram (${now.svg.width}×${now.svg.height} px at ${now.level}), not the whole of it`);
      if (now.svg.width > Math.round(natural) + 1) problems.push(`${name}: in the dialog the diagram is ${now.svg.width} px wide, enlarged beyond its natural ${Math.round(natural)} px`);
      if (now.focus !== 'dialog') problems.push(`${name}: focus is on ${now.focus}, not inside the open dialog`);
      const before = now.svg.width;
      await page.locator('dialog.diagram-viewer button[data-zoom="in"]').click();
      const zoomedIn = (await state()).svg?.width ?? 0;
      if (!(zoomedIn > before)) problems.push(`${name}: the + button did not enlarge the diagram (${before} → ${zoomedIn} px)`);
      await page.locator('dialog.diagram-viewer button[data-zoom="out"]').click();
      await page.locator('dialog.diagram-viewer button[data-zoom="out"]').click();
      const zoomedOut = (await state()).svg?.width ?? 0;
      if (!(zoomedOut < zoomedIn)) problems.push(`${name}: the − button did not shrink the diagram (${zoomedIn} → ${zoomedOut} px)`);
      const stage = await page.locator('dialog.diagram-viewer .diagram-viewer__stage').boundingBox();
      if (stage) {
        await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2);
        await page.keyboard.down('Control');
        await page.mouse.wheel(0, -200);
        await page.keyboard.up('Control');
        // The wheel event is handled after mouse.wheel returns: poll for the zoom, up to a deadline.
        let wheeled = 0;
        await waitUntil(async () => (wheeled = (await state()).svg?.width ?? 0) > zoomedOut, { timeoutMs: 15_000, intervalMs: 50 });
        if (!(wheeled > zoomedOut)) problems.push(`${name}: Ctrl+wheel did not zoom in (${zoomedOut} → ${wheeled} px)`);
      }
      await page.keyboard.press('Escape');
      now = await state();
      if (now.open) problems.push(`${name}: Esc did not close the dialog`);
      if (now.focus !== `trigger ${i + 1}`) problems.push(`${name}: after Esc, focus is on ${now.focus}, not back on the diagram's button`);
      await closeLeftOpen();
      // 2. the keyboard opens it (Enter on the focused button); the close button closes it.
      await trigger.focus();
      await page.keyboard.press('Enter');
      now = await state();
      if (!now.open) problems.push(`${name}: Enter on the focused button opens no dialog`);
      else {
        await page.locator('dialog.diagram-viewer button.diagram-viewer__close').click();
        now = await state();
        if (now.open) problems.push(`${name}: the close button did not close the dialog`);
        if (now.focus !== `trigger ${i + 1}`) problems.push(`${name}: after the close button, focus is on ${now.focus}, not back on the diagram's button`);
      }
      await closeLeftOpen();
      // 3. a click outside the dialog closes it.
      await trigger.click();
      await page.mouse.click(2, 2);
      if ((await state()).open) problems.push(`${name}: a click outside the dialog did not close it`);
      await closeLeftOpen();
    }
    // The reader's theme applies inside the dialog; axe passes with the dialog open.
    await chooseTheme(page, 'dark');
    await triggers.first().click();
    await opens();
    const dark = await state();
    if (!dark.svg?.id.endsWith('-dark')) problems.push(`${entry.file}: in the dark theme the dialog shows ${dark.svg?.id ?? 'no SVG'}, not the dark variant`);
    problems.push(...(await seriousViolations(page, { label: `${entry.file} (diagram dialog open, dark)` })).map(formatViolation));
    await closeLeftOpen();
    await chooseTheme(page, 'light');
    // Print shows the figure as it is, without the button.
    await page.emulateMedia({ media: 'print' });
    if (await triggers.first().isVisible()) problems.push(`${entry.file}: the "open full size" button is printed`);
    await page.emulateMedia({ media: 'screen' });
    problems.push(...found);
    await page.close();
  }
  problems.push(...(await checkPhoneDialogFit(session, sizes)));
  // Without JavaScript the figures stay as they are: visible, and no button that would do nothing.
  const plain = await session.browser.newContext({ javaScriptEnabled: false, viewport: BOOK_VIEWPORT });
  for (const entry of session.book.pages) {
    const page = await plain.newPage();
    await page.goto(`${session.server.url}${entry.path}`);
    const figures = await page.locator('figure.book-diagram').count();
    const buttons = await page.locator('figure.book-diagram button').filter({ visible: true }).count();
    if (figures > 0 && buttons > 0) problems.push(`${entry.file}: without JavaScript, ${buttons} diagram buttons show that cannot work`);
    await page.close();
  }
  await plain.close();
  return { problems, opened, sizes };
}

/** A box in CSS px, as getBoundingClientRect gives it. */
interface Box { left: number; top: number; right: number; bottom: number }

/** One figure as the reader sees it: the "open full size" button, the visible drawing and its labels. */
interface FigureBoxes { index: number; label: string; button: Box | null; svg: Box | null; texts: { text: string; box: Box }[] }

/** Every figure's button, visible SVG and label boxes (a label may overflow its SVG: foreignObject is overflow:visible). */
const FIGURE_BOXES = `[...document.querySelectorAll('figure.book-diagram')].map((figure, i) => {
  const box = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; };
  const button = figure.querySelector(':scope > button.book-diagram__open');
  const svg = [...figure.querySelectorAll(':scope > .book-diagram__svg > svg')].find((s) => s.getBoundingClientRect().width > 0);
  const texts = svg ? [...svg.querySelectorAll('text, foreignObject')].filter((t) => t.getBoundingClientRect().width > 0 && t.textContent.trim()).map((t) => ({ text: t.textContent.trim().slice(0, 40), box: box(t) })) : [];
  return { index: i + 1, label: svg?.getAttribute('aria-label') ?? '', button: button && button.getBoundingClientRect().width > 0 ? box(button) : null, svg: svg ? box(svg) : null, texts };
})`;

/** How far the button's focus ring reaches outside its box (outline 2px + offset 2px in diagram-viewer.css). */
const FOCUS_RING_PX = 4;

function intersects(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

const round = (box: Box) => `${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)}`;

/**
 * The "open full size" button never covers the drawing it opens: at 390×844 (a phone) and at DESKTOP, for
 * every figure, the button's box grown by its focus ring meets neither the visible SVG's box nor the box
 * of any label inside it. One line per figure and viewport, naming what is covered.
 */
export async function checkDiagramButtons(session: BookSession): Promise<{ problems: string[]; checked: number }> {
  const problems: string[] = [];
  let checked = 0;
  for (const [viewport, options] of [['390×844', { viewport: PHONE, isMobile: true, hasTouch: true }], ['1440×900', { viewport: DESKTOP }]] as const) {
    const context = await session.browser.newContext(options);
    for (const entry of session.book.pages) {
      const page = await context.newPage();
      await page.goto(`${session.server.url}${entry.path}`, { waitUntil: 'load' });
      if ((await page.locator('figure.book-diagram').count()) === 0) {
        await page.close();
        continue;
      }
      await page.locator('figure.book-diagram button.book-diagram__open').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
      await page.evaluate('document.fonts.ready.then(() => true)');
      for (const figure of (await page.evaluate(FIGURE_BOXES)) as FigureBoxes[]) {
        // Alt texts run to a paragraph; the start is enough to find the figure.
        const label = figure.label.length > 60 ? `${figure.label.slice(0, 59)}…` : figure.label;
        const name = `${entry.file}: diagram ${figure.index} "${label}" (${viewport})`;
        checked += 1;
        if (!figure.button || !figure.svg) {
          problems.push(`${name}: ${figure.button ? 'no visible SVG' : 'no visible "open full size" button'}`);
          continue;
        }
        const ring = { left: figure.button.left - FOCUS_RING_PX, top: figure.button.top - FOCUS_RING_PX, right: figure.button.right + FOCUS_RING_PX, bottom: figure.button.bottom + FOCUS_RING_PX };
        const covered = figure.texts.filter((t) => intersects(ring, t.box)).map((t) => JSON.stringify(t.text));
        if (covered.length > 0) problems.push(`${name}: the "open full size" button (${round(figure.button)}) covers the label(s) ${covered.join(', ')}`);
        else if (intersects(ring, figure.svg)) problems.push(`${name}: the "open full size" button (${round(figure.button)}) sits on the drawing (${round(figure.svg)})`);
      }
      await page.close();
    }
    await context.close();
  }
  return { problems, checked };
}

/**
 * At 390×844 every diagram opens fitted (the whole drawing inside the dialog's stage, at 100 % or less);
 * + enlarges it past the stage, "1:1" shows it at its natural size, and "Fit" brings the whole of it back.
 * `sizes` gets the phone's opening sizes too ('… (390 px)').
 */
async function checkPhoneDialogFit(session: BookSession, sizes: DialogSize[]): Promise<string[]> {
  const problems: string[] = [];
  const phone = await session.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  for (const entry of session.book.pages) {
    const page = await phone.newPage();
    await page.goto(`${session.server.url}${entry.path}`, { waitUntil: 'load' });
    const triggers = page.locator('figure.book-diagram button.book-diagram__open');
    const figures = await page.locator('figure.book-diagram').count();
    if (figures > 0) await triggers.first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    const state = async () => (await page.evaluate(VIEWER_STATE)) as ViewerState;
    const control = (zoom: string) => page.locator(`dialog.diagram-viewer button[data-zoom="${zoom}"]`);
    for (let i = 0; i < figures; i += 1) {
      const name = `${entry.file}: diagram ${i + 1} (390 px)`;
      await triggers.nth(i).scrollIntoViewIfNeeded();
      await triggers.nth(i).click();
      await page.locator('dialog.diagram-viewer[open] svg').filter({ visible: true }).first().waitFor({ timeout: 5_000 }).catch(() => undefined);
      const opened = await state();
      if (!opened.open || !opened.svg) {
        problems.push(`${name}: a tap on the button opens no dialog with a visible diagram`);
        continue;
      }
      const natural = Math.round(Number.parseFloat((await page.locator('dialog.diagram-viewer svg').filter({ visible: true }).first().getAttribute('width')) ?? '0'));
      sizes.push({ diagram: name, width: opened.svg.width, column: opened.column, natural });
      if (!opened.fits) problems.push(`${name}: the dialog opens on part of the diagram (${opened.svg.width}×${opened.svg.height} px at ${opened.level}), not the whole of it`);
      if (Number.parseFloat(opened.level) > 100) problems.push(`${name}: the dialog opens at ${opened.level}, enlarged beyond the natural size`);
      for (let step = 0; step < 3; step += 1) await control('in').click();
      const zoomed = await state();
      if (!(zoomed.svg && zoomed.svg.width > opened.svg.width)) problems.push(`${name}: + did not enlarge the diagram (${opened.svg.width} → ${zoomed.svg?.width ?? 0} px)`);
      if (await control('actual').count() === 0) problems.push(`${name}: the dialog has no "1:1" (natural size) control`);
      else {
        await control('actual').click();
        const actual = await state();
        if (actual.level !== '100 %' || Math.abs((actual.svg?.width ?? 0) - natural) > 1) problems.push(`${name}: "1:1" shows the diagram ${actual.svg?.width ?? 0} px wide at ${actual.level}, not its natural ${natural} px at 100 %`);
      }
      const fit = control('fit');
      const fitName = ((await fit.textContent()) ?? '').trim();
      if (fitName !== 'Fit') problems.push(`${name}: the control that shows the whole diagram reads ${JSON.stringify(fitName)}, not "Fit"`);
      await fit.click();
      const fitted = await state();
      if (!fitted.fits || fitted.svg?.width !== opened.svg.width) problems.push(`${name}: "Fit" shows the diagram ${fitted.svg?.width ?? 0} px wide at ${fitted.level}${fitted.fits ? '' : ', not all of it'}, not as it opened (${opened.svg.width} px at ${opened.level})`);
      await page.evaluate(`document.querySelector('dialog.diagram-viewer[open]')?.close()`);
    }
    await page.close();
  }
  await phone.close();
  return problems;
}

interface LinkLook { color: string; accent: string; outline: string; outlineColor: string; focusVisible: boolean }

/** The kicker's deck link next to a probe painted with Starlight's accent; the link's look when focused. */
const KICKER_LINK = `(() => {
  const link = document.querySelector('.chapter-kicker a.deck-link-inline');
  if (!link) return null;
  const probe = document.createElement('span');
  probe.style.color = 'var(--sl-color-text-accent)';
  link.parentElement.append(probe);
  const accent = getComputedStyle(probe).color;
  probe.remove();
  link.focus();
  const style = getComputedStyle(link);
  const look = { color: style.color, accent, outline: style.outlineStyle + ' ' + style.outlineWidth, outlineColor: style.outlineColor, focusVisible: link.matches(':focus-visible') };
  link.blur();
  return look;
})()`;

/** Each "Slides for this section" link: its slide number and the heading right before it (id, or null). */
const SECTION_SLIDE_LINKS = `[...document.querySelectorAll('.sl-markdown-content .deck-link')].map((p) => {
  const href = p.querySelector('a')?.getAttribute('href') ?? '';
  const before = p.previousElementSibling;
  const heading = before && (/^H[1-6]$/.test(before.tagName) ? before : before.matches('.sl-heading-wrapper') ? before.querySelector('h1, h2, h3, h4, h5, h6') : null);
  return { slide: Number(/#\\/(\\d+)$/.exec(href)?.[1] ?? 0), heading: heading ? heading.id : null, first: !before };
})`;

/**
 * On every chapter page: the kicker's "Lecture deck" link wears the site's accent colour in both themes and
 * a solid accent outline when focused; every "Slides for this section" link comes right after the heading
 * of the section its slide block is in (or opens the page, for a block before the first heading), and is
 * not printed.
 */
export async function checkChapterLinks(session: BookSession): Promise<string[]> {
  const problems: string[] = [];
  for (const entry of session.book.pages.filter((p) => p.chapter !== undefined)) {
    const { page } = await visit(session, entry.path, entry.file);
    for (const theme of ['light', 'dark'] as const) {
      await chooseTheme(page, theme);
      const look = (await page.evaluate(KICKER_LINK)) as LinkLook | null;
      if (!look) {
        problems.push(`${entry.file}: no "Lecture deck" link in the chapter kicker`);
        break;
      }
      if (look.color !== look.accent) problems.push(`${entry.file} (${theme}): the kicker's deck link is ${look.color}, not the accent ${look.accent}`);
      if (!look.focusVisible || !look.outline.startsWith('solid') || look.outline.endsWith(' 0px') || look.outlineColor !== look.accent) {
        problems.push(`${entry.file} (${theme}): the focused deck link has outline "${look.outline} ${look.outlineColor}", not a solid outline in the accent ${look.accent}`);
      }
    }
    await chooseTheme(page, 'light');
    const chapter = session.book.book.chapters.find((c) => `${c.slug}/` === entry.path);
    const links = (await page.evaluate(SECTION_SLIDE_LINKS)) as { slide: number; heading: string | null; first: boolean }[];
    for (const link of links) {
      const block = chapter?.slides[link.slide - 2];
      const expected = block?.section?.slug;
      const where = link.heading ? `heading #${link.heading}` : link.first ? 'the start of the page' : 'no heading';
      // A slide block before the first heading belongs to the chapter's opening: its link opens the page.
      if (!block) problems.push(`${entry.file}: "Slides for this section" links to slide ${link.slide}, which no slide block of the chapter makes`);
      else if (expected === undefined && !link.first) problems.push(`${entry.file}: "Slides for this section" (slide ${link.slide}) of the chapter's opening is not at the start of the page (it follows ${where})`);
      else if (expected !== undefined && link.heading !== expected) problems.push(`${entry.file}: "Slides for this section" (slide ${link.slide}) follows ${where}, not the heading of its section (#${expected})`);
    }
    await page.emulateMedia({ media: 'print' });
    const printed = await page.locator('.sl-markdown-content .deck-link').filter({ visible: true }).count();
    if (printed > 0) problems.push(`${entry.file}: ${printed} "Slides for this section" links are printed`);
    await page.emulateMedia({ media: 'screen' });
    await page.close();
  }
  return problems;
}

/** At phone width the site title fits its box or ends in an ellipsis, on every page. */
export async function checkPhoneTitle(session: BookSession): Promise<string[]> {
  const problems: string[] = [];
  const phone = await session.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  for (const entry of session.book.pages) {
    const page = await phone.newPage();
    await page.goto(`${session.server.url}${entry.path}`);
    const title = (await page.evaluate(`(() => {
      const el = document.querySelector('.site-title');
      const text = el && [...el.querySelectorAll('span')].find((s) => s.textContent.trim()) || el;
      if (!text) return null;
      const style = getComputedStyle(text);
      return { scroll: text.scrollWidth, client: text.clientWidth, ellipsis: style.textOverflow === 'ellipsis' && style.overflow !== 'visible' && style.whiteSpace === 'nowrap', text: text.textContent.trim() };
    })()`)) as { scroll: number; client: number; ellipsis: boolean; text: string } | null;
    if (!title) problems.push(`${entry.file}: no .site-title at 390 px`);
    else if (title.scroll > title.client && !title.ellipsis) problems.push(`${entry.file}: at 390 px the site title "${title.text}" is clipped (${title.scroll} px of text in ${title.client} px) without an ellipsis`);
    await page.close();
  }
  await phone.close();
  return problems;
}
