/** diagramFigureHtml: the <figure> the site shows, with both variants and the alt text as accessible name. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diagramFigureHtml, withAccessibleName } from '../../src/diagrams/figure-html.ts';
import type { RenderedDiagram } from '../../src/diagrams/types.ts';

const rendered: RenderedDiagram = {
  hash: 'abc123',
  light: '<svg id="mmd-abc123-light" xmlns="http://www.w3.org/2000/svg" width="120" height="40" role="graphics-document document" aria-roledescription="flowchart-v2"><g/></svg>\n',
  dark: '<svg id="mmd-abc123-dark" xmlns="http://www.w3.org/2000/svg" width="120" height="40" aria-labelledby="mmd-abc123-dark-1"><title id="mmd-abc123-dark-1">t</title></svg>\n',
  lightPath: 'diagrams/.rendered/abc123.light.svg',
  darkPath: 'diagrams/.rendered/abc123.dark.svg',
};

describe('diagramFigureHtml', () => {
  it('wraps both variants in a figure named by the alt text, with an escaped caption', () => {
    expect(diagramFigureHtml({ rendered, alt: 'Gateway → "model" <server>', caption: 'Figure 1 & friends' })).toMatchInlineSnapshot(`
      "<figure class="book-diagram not-content" data-diagram="abc123">
      <div class="book-diagram__svg book-diagram__svg--light"><svg id="mmd-abc123-light" xmlns="http://www.w3.org/2000/svg" width="120" height="40" role="img" aria-label="Gateway → &quot;model&quot; &lt;server&gt;"><g/></svg></div>
      <div class="book-diagram__svg book-diagram__svg--dark" data-pagefind-ignore><svg id="mmd-abc123-dark" xmlns="http://www.w3.org/2000/svg" width="120" height="40" role="img" aria-label="Gateway → &quot;model&quot; &lt;server&gt;"><title id="mmd-abc123-dark-1">t</title></svg></div>
      <figcaption>Figure 1 &amp; friends</figcaption>
      </figure>"
    `);
  });

  it('omits the figcaption without a caption and marks a diagram without alt text decorative', () => {
    const html = diagramFigureHtml({ rendered, alt: '  ', caption: undefined });
    expect(html).not.toContain('<figcaption');
    expect(html.match(/aria-hidden="true"/g)).toHaveLength(2);
    expect(html).not.toContain('role="img"');
  });

  it('rejects markup that is not an SVG', () => {
    expect(() => withAccessibleName('<div>no</div>', 'x')).toThrowErrorMatchingInlineSnapshot(`[Error: Rendered diagram does not start with an <svg> element]`);
  });

  it('ships CSS that shows only the variant matching Starlight’s data-theme and scales SVGs down', () => {
    const css = readFileSync(fileURLToPath(new URL('../../src/diagrams/diagrams.css', import.meta.url)), 'utf8');
    expect(css).toMatch(/\.book-diagram__svg--dark,\s*:root\[data-theme='dark'\] \.book-diagram__svg--light\s*\{\s*display: none;/);
    expect(css).toMatch(/:root\[data-theme='dark'\] \.book-diagram__svg--dark\s*\{\s*display: block;/);
    expect(css).toMatch(/\.book-diagram svg \{[^}]*max-width: 100%;[^}]*height: auto;/);
  });
});
