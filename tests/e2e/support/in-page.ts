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

/** Every Expressive Code block on the page: its text as shown, and whether it is a terminal frame. */
export const CODE_BLOCKS = `(() => [...document.querySelectorAll('.expressive-code pre')].map((pre) => ({
  text: [...pre.querySelectorAll('.ec-line')].map((line) => line.textContent).join('\\n'),
  terminal: !!pre.closest('.is-terminal'),
})))()`;

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
