/**
 * Page-side half of the label contrast check (src/diagrams/contrast.ts). Loaded into a page whose body holds
 * one rendered diagram inline, the way the site shows it; defines
 *
 *   window.__bookContrast.probe()
 *     → [{ text: 'BuildKit cache mount', colour: 'rgb(241, 243, 249)', x: 412, y: 188 }, …]
 *   window.__bookContrast.hideText()   // then a screenshot shows what each label is drawn on
 *
 * One entry per line of every visible text node in the SVG (SVG <text> and HTML labels in <foreignObject>):
 * `colour` is the computed text colour (`fill` for SVG text, `color` for HTML) with the element's effective
 * opacity folded into its alpha, (x, y) the centre of that line in page pixels. What lies under the text is
 * not worked out here: shapes, markers (sequence numbers), gradients, filters and translucent fills are
 * composited by Chromium itself and read from a screenshot taken after hideText().
 * Plain browser JavaScript on purpose: it reaches the page byte for byte as written here.
 */
(() => {
  const SVG_NS = 'http://www.w3.org/2000/svg';

  /** Product of `opacity` of the element and every ancestor up to the document. */
  function effectiveOpacity(element) {
    let opacity = 1;
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      opacity *= Number(getComputedStyle(node).opacity);
    }
    return opacity;
  }

  function isVisible(element) {
    const style = getComputedStyle(element);
    if (style.visibility !== 'visible') return false;
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      if (getComputedStyle(node).display === 'none') return false;
    }
    return effectiveOpacity(element) > 0;
  }

  /** 'rgb(1, 2, 3)' with an alpha multiplied in, as 'rgba(1, 2, 3, a)'. */
  function withAlpha(colour, alpha) {
    const match = /^rgba?\(([^)]+)\)$/.exec(colour.trim());
    if (!match) return colour;
    const parts = match[1].split(/[,\s/]+/).filter(Boolean);
    const own = parts.length > 3 ? Number(parts[3]) : 1;
    return `rgba(${parts[0]}, ${parts[1]}, ${parts[2]}, ${own * alpha})`;
  }

  function textColour(element) {
    const style = getComputedStyle(element);
    const raw = element.namespaceURI === SVG_NS ? style.fill : style.color;
    return withAlpha(raw, (element.namespaceURI === SVG_NS ? Number(style.fillOpacity) : 1) * effectiveOpacity(element));
  }

  /** The label a text node belongs to, for messages: the whole <text> or HTML label, whitespace collapsed. */
  function labelText(element) {
    const label = element.closest('text, foreignObject') ?? element;
    const html = label.localName === 'foreignObject' ? label.firstElementChild : null;
    const text = html instanceof HTMLElement ? html.innerText : label.textContent;
    return (text ?? '').replace(/\s+/g, ' ').trim();
  }

  function probe() {
    const svg = document.querySelector('svg');
    if (!svg) throw new Error('no <svg> in the page');
    const results = [];
    const walker = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || !node.textContent || node.textContent.trim() === '') continue;
      if (element.closest('style, title, desc, defs, marker')) continue;
      if (!isVisible(element)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      let rects = [...range.getClientRects()].filter((rect) => rect.width > 0 && rect.height > 0);
      if (rects.length === 0) rects = [element.getBoundingClientRect()].filter((rect) => rect.width > 0 && rect.height > 0);
      for (const rect of rects) {
        const x = rect.left + rect.width / 2;
        const y = rect.top + rect.height / 2;
        results.push({ text: labelText(element), colour: textColour(element), x, y });
      }
    }
    return results;
  }

  /** Makes every label transparent (and keeps its layout), so a screenshot shows only what is under the text. */
  function hideText() {
    const style = document.createElement('style');
    style.textContent =
      'svg text, svg tspan { fill: transparent !important; stroke: transparent !important; } ' +
      'svg foreignObject, svg foreignObject * { color: transparent !important; text-shadow: none !important; }';
    document.head.appendChild(style);
  }

  /** @type {any} */ (window).__bookContrast = { probe, hideText };
})();
