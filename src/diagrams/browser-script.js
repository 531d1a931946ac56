/**
 * Page-side half of the renderer. Loaded into a blank Chromium page after Mermaid's own bundle; defines
 *
 *   window.__bookDiagrams.render(source, id, config)
 *     → { ok: true, svg: '<svg id="ID" …>…</svg>' }
 *     | { ok: false, message: 'Parse error on line 3: …', line: 3 | null }
 *
 * The SVG comes back as XML (valid both inline in HTML and as a standalone .svg file), with every inner
 * element id renamed to ID-1, ID-2, … and every reference to those ids (url(#…), href, aria-labelledby,
 * <style> selectors) rewritten to match, so many diagrams and both theme variants can share one HTML page.
 * Plain browser JavaScript on purpose: it reaches the page byte for byte as written here.
 */
(() => {
  function mermaidApi() {
    const bundle = /** @type {any} */ (window).__esbuild_esm_mermaid_nm;
    const api = bundle?.mermaid?.default ?? /** @type {any} */ (window).mermaid;
    if (!api) throw new Error('Mermaid bundle is not loaded in the page');
    return api;
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  /**
   * Renames every inner id to `${prefix}-${n}` (n = order of first appearance) and rewrites all references.
   * Unique across diagrams and variants, and stable: Mermaid's own ids carry counters that depend on what
   * the page rendered before (e.g. sequence actors), which would make re-renders differ byte for byte.
   */
  function scopeIds(svg, prefix) {
    const renamed = new Map();
    for (const element of svg.querySelectorAll('[id]')) {
      const old = element.getAttribute('id');
      if (!old || old === prefix) continue;
      if (!renamed.has(old)) renamed.set(old, `${prefix}-${renamed.size + 1}`);
      element.setAttribute('id', renamed.get(old));
    }
    if (renamed.size === 0) return;
    const names = [...renamed.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    const hashRef = new RegExp(`#(${names.join('|')})(?![\\w-])`, 'g');
    const replaceHashRefs = (text) => text.replace(hashRef, (_match, name) => `#${renamed.get(name)}`);
    for (const element of [svg, ...svg.querySelectorAll('*')]) {
      for (const attribute of [...element.attributes]) {
        if (attribute.name === 'id') continue;
        const value = attribute.value;
        let next = value;
        if (attribute.name === 'aria-labelledby' || attribute.name === 'aria-describedby') {
          next = value
            .split(/\s+/)
            .map((name) => renamed.get(name) ?? name)
            .join(' ');
        } else if (value.includes('#')) {
          next = replaceHashRefs(value);
        }
        if (next !== value) element.setAttribute(attribute.name, next);
      }
      if (element.localName === 'style' && element.textContent) {
        element.textContent = replaceHashRefs(element.textContent);
      }
    }
  }

  /** Gives the SVG its natural size as width/height so it never grows past it and scales down with CSS. */
  function setIntrinsicSize(svg) {
    const viewBox = (svg.getAttribute('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
    const width = viewBox[2];
    const height = viewBox[3];
    if (viewBox.length !== 4 || !(width > 0) || !(height > 0)) return;
    const round = (n) => String(Math.round(n * 100) / 100);
    svg.setAttribute('width', round(width));
    svg.setAttribute('height', round(height));
    svg.style.removeProperty('max-width');
    if (!svg.getAttribute('style')) svg.removeAttribute('style');
  }

  function cleanUp(id) {
    for (const stray of [document.getElementById(id), document.getElementById(`d${id}`)]) stray?.remove();
  }

  async function render(source, id, config) {
    const mermaid = mermaidApi();
    const stage = document.getElementById('stage');
    mermaid.initialize(config);
    let svgText;
    try {
      const result = await mermaid.render(id, source, stage ?? undefined);
      svgText = result.svg;
    } catch (error) {
      cleanUp(id);
      const message = error instanceof Error ? error.message : String(error);
      const line = error?.hash?.loc?.first_line;
      return { ok: false, message, line: typeof line === 'number' ? line : null };
    }
    cleanUp(id);
    const host = document.createElement('div');
    host.innerHTML = svgText;
    const svg = host.querySelector('svg');
    if (!svg) return { ok: false, message: 'Mermaid returned no <svg> element', line: null };
    scopeIds(svg, id);
    setIntrinsicSize(svg);
    return { ok: true, svg: new XMLSerializer().serializeToString(svg) };
  }

  /** @type {any} */ (window).__bookDiagrams = { render };
})();
