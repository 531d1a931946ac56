/**
 * The site markup for one diagram: both variants in a <figure>, CSS (diagrams.css) shows the one matching
 * Starlight's `data-theme`. No JavaScript needed; where it runs, src/site/diagram-viewer.ts adds an
 * "open full size" button to each figure.
 *
 *   diagramFigureHtml({ rendered, alt: 'Request path through the gateway', caption: 'Figure 53.1 …' })
 *     → <figure class="book-diagram not-content" data-diagram="3f9a…">
 *         <div class="book-diagram__svg book-diagram__svg--light"><svg id="mmd-3f9a…-light" role="img" aria-label="Request path…" …>…</svg></div>
 *         <div class="book-diagram__svg book-diagram__svg--dark" data-pagefind-ignore><svg id="mmd-3f9a…-dark" role="img" aria-label="Request path…" …>…</svg></div>
 *         <figcaption>Figure 53.1 …</figcaption>
 *       </figure>
 *
 * The alt text becomes each SVG's accessible name (the hidden variant is display:none, so it is never read
 * twice). An empty alt marks the diagram decorative (aria-hidden). `not-content` keeps Starlight's prose
 * styles away from the labels inside the SVG.
 */
import type { RenderedDiagram } from './types.ts';

export interface DiagramFigureInput {
  rendered: RenderedDiagram;
  alt: string;
  caption?: string | undefined;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const REPLACED_ATTRIBUTES = /\s(?:role|aria-label|aria-labelledby|aria-roledescription|aria-hidden)="[^"]*"/g;

/** Rewrites the root <svg> tag so assistive technology announces it as one image named by `alt`. */
export function withAccessibleName(svg: string, alt: string): string {
  const trimmed = svg.trim();
  const open = /^<svg\b[^>]*?(\/?)>/.exec(trimmed);
  if (!open) throw new Error('Rendered diagram does not start with an <svg> element');
  const attributes = open[0].slice(4, open[0].length - 1 - open[1]!.length).replace(REPLACED_ATTRIBUTES, '');
  const accessible = alt.trim() === '' ? ' aria-hidden="true"' : ` role="img" aria-label="${escapeHtml(alt.trim())}"`;
  return `<svg${attributes}${accessible}${open[1]}>${trimmed.slice(open[0].length)}`;
}

export function diagramFigureHtml(input: DiagramFigureInput): string {
  const { rendered, alt, caption } = input;
  const parts = [
    `<figure class="book-diagram not-content" data-diagram="${escapeHtml(rendered.hash)}">`,
    `<div class="book-diagram__svg book-diagram__svg--light">${withAccessibleName(rendered.light, alt)}</div>`,
    `<div class="book-diagram__svg book-diagram__svg--dark" data-pagefind-ignore>${withAccessibleName(rendered.dark, alt)}</div>`,
  ];
  if (caption !== undefined && caption.trim() !== '') parts.push(`<figcaption>${escapeHtml(caption.trim())}</figcaption>`);
  parts.push('</figure>');
  return parts.join('\n');
}
