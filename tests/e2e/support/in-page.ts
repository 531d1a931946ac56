/**
 * Scripts evaluated inside the browser, kept as plain JavaScript strings: the test runner rewrites the
 * body of a function passed to page.evaluate (helpers it injects do not exist in the page).
 *
 *   await page.evaluate(SIDEBAR)                 // → [{ kind: 'group', label: 'Orchestration' }, { kind: 'link', label, href }, …]
 *   await page.evaluate(diagramState())          // → [{ hash, light: { visible, width, height, shapes }, dark: … }, …]
 *   await page.evaluate(slideOverflow(3))        // → { canvas: {…}, overflows: [{ side: 'bottom', px: 212, what: 'li "Item 17"' }] }
 */

/** The Starlight sidebar, in document order: group labels and links. */
export const SIDEBAR = `(() => {
  const nav = document.querySelector('nav[aria-label="Main"]');
  if (!nav) return [];
  const items = [];
  for (const el of nav.querySelectorAll('summary .group-label, a[href]')) {
    if (el.matches('a[href]')) items.push({ kind: 'link', label: el.textContent.trim().replace(/\\s+/g, ' '), href: el.getAttribute('href') });
    else items.push({ kind: 'group', label: el.textContent.trim().replace(/\\s+/g, ' ') });
  }
  return items;
})()`;

/** Each diagram figure on the page: which variant is shown, its size and how many shapes it draws. */
export const DIAGRAMS = `(() => [...document.querySelectorAll('figure.book-diagram')].map((figure, index) => {
  const variant = (theme) => {
    const svg = figure.querySelector('.book-diagram__svg--' + theme + ' svg');
    if (!svg) return { present: false, visible: false, width: 0, height: 0, shapes: 0 };
    const box = svg.getBoundingClientRect();
    const shapes = [...svg.querySelectorAll('path, rect, circle, ellipse, polygon, polyline, line, text, foreignObject')]
      .filter((shape) => { const b = shape.getBoundingClientRect(); return b.width > 0 || b.height > 0; }).length;
    const style = getComputedStyle(svg);
    return { present: true, visible: box.width > 0 && box.height > 0 && style.visibility !== 'hidden', width: Math.round(box.width), height: Math.round(box.height), shapes, id: svg.id };
  };
  return { index: index + 1, hash: figure.getAttribute('data-diagram') || '', label: figure.querySelector('svg')?.getAttribute('aria-label') || '', light: variant('light'), dark: variant('dark') };
}))()`;

/**
 * The smallest label of each visible diagram SVG on the page, in CSS pixels as drawn: the label's computed
 * font size times the scale its SVG is drawn at (the screen CTM of the <text> or <foreignObject> holding
 * it: rendered width ÷ viewBox width). Labels are <text>/<tspan> runs and the HTML inside foreignObjects
 * (.nodeLabel, .edgeLabel spans). Also where the SVG lies against the sidebar and the table of contents,
 * and whether the page scrolls sideways.
 *   → { scroll: { page: 1440, view: 1440 }, diagrams: [{ index: 1, label, theme: 'light', px: 9.3, text: 'Agent service', box: { left, right }, sidebar, toc }] }
 */
export const DIAGRAM_LABELS = `(() => {
  const shown = (el, stop) => {
    for (let a = el; a && a !== stop; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
    }
    return true;
  };
  const edge = (selector, side) => {
    const el = [...document.querySelectorAll(selector)].find((e) => e.getBoundingClientRect().width > 0 && shown(e, document.documentElement));
    return el ? Math.round(el.getBoundingClientRect()[side]) : null;
  };
  const sidebar = edge('#starlight__sidebar, .sidebar-pane', 'right');
  const toc = edge('.right-sidebar-container, .right-sidebar', 'left');
  const diagrams = [];
  [...document.querySelectorAll('figure.book-diagram')].forEach((figure, index) => {
    for (const theme of ['light', 'dark']) {
      const svg = figure.querySelector('.book-diagram__svg--' + theme + ' svg');
      if (!svg || svg.getBoundingClientRect().width === 0 || !shown(svg, figure.parentElement)) continue;
      let px = Infinity;
      let text = '';
      for (const el of svg.querySelectorAll('text, tspan, foreignObject *')) {
        const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
        if (!own || el.getClientRects().length === 0 || !shown(el, svg)) continue;
        const holder = el.closest('foreignObject') ?? el.closest('text') ?? svg;
        const ctm = holder.getScreenCTM();
        if (!ctm) continue;
        const size = parseFloat(getComputedStyle(el).fontSize) * Math.hypot(ctm.a, ctm.b);
        if (size < px) { px = size; text = own.replace(/\\s+/g, ' '); }
      }
      const box = svg.getBoundingClientRect();
      diagrams.push({ index: index + 1, theme, label: svg.getAttribute('aria-label') || '', px: px === Infinity ? null : Math.round(px * 10) / 10, text: text.slice(0, 40), box: { left: Math.round(box.left), right: Math.round(box.right) } });
    }
  });
  return { scroll: { page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }, sidebar, toc, diagrams };
})()`;

/** Every Expressive Code block on the page: its text as shown, and whether it is a terminal frame. */
export const CODE_BLOCKS = `(() => [...document.querySelectorAll('.expressive-code pre')].map((pre) => ({
  text: [...pre.querySelectorAll('.ec-line')].map((line) => line.textContent).join('\\n'),
  terminal: !!pre.closest('.is-terminal'),
})))()`;

/** The text each copy button's click handler copies (Expressive Code's `data-code`), in page order. */
export const COPY_BUTTON_CODES = `[...document.querySelectorAll('.expressive-code .copy button')].map((b) => b.getAttribute('data-code'))`;

/**
 * What of slide N lies outside its canvas. Every element and text run is measured; content clipped by a
 * scrolling or hidden-overflow box inside the slide counts only where that box shows it. Distances are in
 * slide pixels (the canvas is scaled to the window).
 */
export function slideOverflow(slide: number): string {
  return `(() => {
  const page = document.querySelector('.slidev-page-${slide}');
  if (!page) return { missing: true, overflows: [] };
  const canvas = page.getBoundingClientRect();
  if (canvas.width === 0) return { missing: true, overflows: [] };
  const scale = canvas.width / (page.offsetWidth || canvas.width);
  const worst = {};
  const describe = (el, text) => {
    const name = el.tagName.toLowerCase() + (el.classList.length ? '.' + [...el.classList].slice(0, 2).join('.') : '');
    const words = (text ?? el.textContent ?? '').trim().replace(/\\s+/g, ' ');
    return words ? name + ' "' + (words.length > 40 ? words.slice(0, 40) + '…' : words) + '"' : name;
  };
  const clipFor = (el) => {
    let box = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };
    for (let a = el.parentElement; a && a !== page; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const r = a.getBoundingClientRect();
      box = { left: Math.max(box.left, r.left), top: Math.max(box.top, r.top), right: Math.min(box.right, r.right), bottom: Math.min(box.bottom, r.bottom) };
    }
    return box;
  };
  const measure = (rect, el, text) => {
    if (rect.width === 0 && rect.height === 0) return;
    const clip = clipFor(el);
    const box = { left: Math.max(rect.left, clip.left), top: Math.max(rect.top, clip.top), right: Math.min(rect.right, clip.right), bottom: Math.min(rect.bottom, clip.bottom) };
    if (box.right <= box.left || box.bottom <= box.top) return;
    const sides = { top: canvas.top - box.top, bottom: box.bottom - canvas.bottom, left: canvas.left - box.left, right: box.right - canvas.right };
    for (const [side, amount] of Object.entries(sides)) {
      const px = Math.round(amount / scale);
      if (px > 1 && (!worst[side] || px >= worst[side].px)) worst[side] = { side, px, what: describe(el, text) };
    }
  };
  for (const el of page.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    measure(el.getBoundingClientRect(), el);
    for (const node of el.childNodes) {
      if (node.nodeType !== 3 || !node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      measure(range.getBoundingClientRect(), el, node.textContent);
    }
  }
  return { missing: false, overflows: Object.values(worst) };
})()`;
}

/** Every link on slide N, as written. */
export function slideLinks(slide: number): string {
  return `[...(document.querySelector('.slidev-page-${slide}')?.querySelectorAll('a[href]') ?? [])].map((a) => a.getAttribute('href'))`;
}

/**
 * What on slide N an audience cannot read, at the window's size (1280×720 in the tests):
 * - `clipped`: an element that hides or scrolls part of its own content (code running off a column: on a
 *   projector nobody scrolls), with the size its content needs and the size it has, in slide pixels;
 * - `small`: text rendered below its minimum, in screen pixels: code 18 px, diagram labels 14 px, other slide
 *   text 22 px. The link back to the book (`.book-link`) and the kicker are navigation, not content.
 * One entry per clipping element, and per block (code block, diagram, paragraph) with its smallest text.
 */
export function slideLegibility(slide: number): string {
  return `(() => {
  const page = document.querySelector('.slidev-page-${slide}');
  if (!page) return { clipped: [], small: [] };
  const canvas = page.getBoundingClientRect();
  if (canvas.width === 0) return { clipped: [], small: [] };
  const scale = canvas.width / (page.offsetWidth || canvas.width);
  const describe = (el, text) => {
    const name = el.tagName.toLowerCase() + (el.classList && el.classList.length ? '.' + [...el.classList].slice(0, 2).join('.') : '');
    const words = (text ?? el.textContent ?? '').trim().replace(/\\s+/g, ' ');
    return words ? name + ' "' + (words.length > 40 ? words.slice(0, 40) + '…' : words) + '"' : name;
  };
  const visible = (el) => {
    for (let a = el; a && a !== page; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
    }
    return true;
  };
  const clipped = [];
  const small = [];
  const seen = new Map();
  for (const el of page.querySelectorAll('*')) {
    if (el.closest('.book-link, .book-kicker, .slidev-vclick-hidden') || !visible(el)) continue;
    const style = getComputedStyle(el);
    if (!(el instanceof SVGElement)) {
      const hidesX = style.overflowX !== 'visible';
      const hidesY = style.overflowY !== 'visible';
      const needX = el.scrollWidth - el.clientWidth;
      const needY = el.scrollHeight - el.clientHeight;
      if ((hidesX && needX > 2) || (hidesY && needY > 2)) {
        clipped.push({ what: describe(el), need: Math.round(el.scrollWidth) + '×' + Math.round(el.scrollHeight), has: Math.round(el.clientWidth) + '×' + Math.round(el.clientHeight) });
      }
    }
    for (const node of el.childNodes) {
      if (node.nodeType !== 3 || !node.textContent.trim()) continue;
      const inSvg = el instanceof SVGElement || !!el.closest('svg');
      const isCode = !inSvg && !!el.closest('pre, code, .slidev-code-block-title');
      const min = inSvg ? 14 : isCode ? 18 : 22;
      let px;
      if (inSvg) {
        const range = document.createRange();
        range.selectNodeContents(node);
        const rect = range.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) continue;
        // The glyph box of one line of text is about 1.2 × its font size.
        const ctm = (el.closest('svg') ?? el).getScreenCTM();
        px = ctm ? parseFloat(style.fontSize) * Math.hypot(ctm.a, ctm.b) : rect.height / 1.2;
      } else {
        px = parseFloat(style.fontSize) * scale;
      }
      if (px + 0.05 >= min) continue;
      // One entry per block (a code block, a diagram, a paragraph or list item), with its smallest text.
      const block = inSvg ? el.closest('svg') : isCode ? (el.closest('pre, .slidev-code-block-title') ?? el) : (el.closest('p, li, h1, h2, h3, h4, h5, h6, td, th, figcaption, blockquote, div') ?? el);
      const found = seen.get(block);
      if (found) {
        found.px = Math.min(found.px, Math.round(px * 10) / 10);
        continue;
      }
      const entry = { what: inSvg ? 'svg "' + (block.getAttribute('aria-label') || 'diagram').slice(0, 40) + '"' : describe(block), px: Math.round(px * 10) / 10, min, kind: inSvg ? 'diagram label' : isCode ? 'code' : 'text' };
      seen.set(block, entry);
      small.push(entry);
    }
  }
  return { clipped, small };
})()`;
}

/**
 * The smallest label of each SVG diagram shown as an image on slide N, in screen pixels: the SVG is laid out
 * offscreen at the image's size and every text run measured there. Resolves to [{ what, px }].
 */
export function slideDiagramLabels(slide: number): string {
  return `(async () => {
  const page = document.querySelector('.slidev-page-${slide}');
  if (!page) return [];
  const out = [];
  for (const img of page.querySelectorAll('img')) {
    const rect = img.getBoundingClientRect();
    if (!/\\.svg($|\\?)/.test(img.currentSrc || img.src) || rect.width === 0 || getComputedStyle(img).display === 'none') continue;
    let shown = true;
    for (let a = img; a && a !== page; a = a.parentElement) if (getComputedStyle(a).display === 'none' || getComputedStyle(a).visibility === 'hidden') shown = false;
    if (!shown) continue;
    const markup = await (await fetch(img.currentSrc || img.src)).text();
    const holder = document.createElement('div');
    holder.style.cssText = 'position:fixed;left:-20000px;top:0;width:' + rect.width + 'px;height:' + rect.height + 'px;';
    holder.innerHTML = markup;
    const svg = holder.querySelector('svg');
    if (!svg) continue;
    svg.setAttribute('width', String(rect.width));
    svg.setAttribute('height', String(rect.height));
    svg.style.maxWidth = 'none';
    document.body.appendChild(holder);
    const ctm = svg.getScreenCTM();
    const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
    let min = Infinity;
    for (const el of svg.querySelectorAll('text, tspan, foreignObject *')) {
      if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size > 0) min = Math.min(min, size * scale);
    }
    holder.remove();
    if (min !== Infinity) out.push({ what: 'img "' + (img.getAttribute('alt') || img.getAttribute('src') || '').slice(0, 40) + '"', px: Math.round(min * 10) / 10 });
  }
  return out;
})()`;
}

/**
 * The code on slide N as drawn, for the contrast and wrap checks (browser-decks.ts):
 * - `blocks`: per code block, the background colours from the <pre> up to the page (innermost first, the
 *   caller composites them) and each distinct token colour with the element's opacity up to the <pre> folded
 *   into its alpha. Lines Slidev dims on purpose in a click step (`.slidev-code-dishonored`) are marked `dimmed`.
 * - `wraps`: every source line that wraps, with where its first visible character starts and where its
 *   continuation rows start (screen px), so a continuation at the left edge can be told from a new line.
 *   → { blocks: [{ what, backgrounds: ['rgb(245, 245, 245)', …], tokens: [{ text: '# build', colour: 'rgba(160, 173, 160, 1)', dimmed: false }] }],
 *       wraps: [{ what, line: 'kubectl create secret …', start: 412.5, continuation: 380 }] }
 */
export function slideCode(slide: number): string {
  return `(() => {
  const page = document.querySelector('.slidev-page-${slide}');
  if (!page || page.getBoundingClientRect().width === 0) return { blocks: [], wraps: [] };
  const shown = (el) => {
    for (let a = el; a && a !== page; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
    }
    return true;
  };
  const withAlpha = (colour, alpha) => {
    const match = /^rgba?\\(([^)]+)\\)$/.exec(colour.trim());
    if (!match) return colour;
    const parts = match[1].split(/[,\\s/]+/).filter(Boolean);
    const own = parts.length > 3 ? Number(parts[3]) : 1;
    return 'rgba(' + parts[0] + ', ' + parts[1] + ', ' + parts[2] + ', ' + own * alpha + ')';
  };
  const clip = (text) => { const t = text.replace(/\\s+/g, ' ').trim(); return t.length > 40 ? t.slice(0, 40) + '…' : t; };
  const blocks = [];
  const wraps = [];
  for (const pre of page.querySelectorAll('pre.slidev-code')) {
    if (!shown(pre) || pre.getBoundingClientRect().width === 0) continue;
    const what = 'code "' + clip(pre.textContent) + '"';
    const backgrounds = [];
    for (let a = pre; a; a = a.parentElement) {
      const bg = getComputedStyle(a).backgroundColor;
      if (bg && bg !== 'transparent' && bg !== 'rgba(0, 0, 0, 0)') backgrounds.push(bg);
    }
    const tokens = new Map();
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const el = node.parentElement;
      let opacity = 1;
      for (let a = el; a && a !== pre; a = a.parentElement) opacity *= Number(getComputedStyle(a).opacity);
      const colour = withAlpha(getComputedStyle(el).color, opacity);
      const dimmed = !!el.closest('.slidev-code-dishonored');
      const key = colour + '|' + dimmed;
      if (!tokens.has(key)) tokens.set(key, { text: clip(node.textContent), colour, dimmed });
    }
    blocks.push({ what, backgrounds, tokens: [...tokens.values()] });
    for (const line of pre.querySelectorAll('code > .line')) {
      const rects = [];
      const texts = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let start = null;
      for (let node = texts.nextNode(); node; node = texts.nextNode()) {
        const range = document.createRange();
        if (start === null) {
          const offset = node.textContent.search(/\\S/);
          if (offset >= 0) {
            range.setStart(node, offset);
            range.setEnd(node, offset + 1);
            start = range.getBoundingClientRect().left;
          }
        }
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) if (rect.width > 0) rects.push(rect);
      }
      if (start === null || rects.length === 0) continue;
      const firstTop = Math.min(...rects.map((r) => r.top));
      const later = rects.filter((r) => r.top > firstTop + r.height / 2);
      if (later.length === 0) continue;
      wraps.push({ what, line: clip(line.textContent), start, continuation: Math.min(...later.map((r) => r.left)) });
    }
  }
  return { blocks, wraps };
})()`;
}
