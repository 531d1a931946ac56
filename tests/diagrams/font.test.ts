/**
 * The diagram font (src/diagrams/font.ts): the faces read from the installed Fontsource package, the faces a
 * text needs, the SVG a deck shows with them embedded, and the render settings that name it.
 */
import { describe, expect, it } from 'vitest';
import { DIAGRAM_FONT_NAME, diagramFontVersion, embedDiagramFont, facesFor, fontFaceCss, fontFaces } from '../../src/diagrams/font.ts';
import { DIAGRAM_FONT_FAMILY, mermaidConfig, renderFingerprint } from '../../src/diagrams/render-config.ts';
import { renderPageHtml } from '../../src/diagrams/mermaid-renderer.ts';

const subset = (name: string) => fontFaces().find((face) => face.file.endsWith(`inter-${name}-wght-normal.woff2`));

describe('the diagram font', () => {
  it('reads one face per subset from the package, each with its unicode-range', () => {
    const faces = fontFaces();
    expect(faces.length).toBeGreaterThanOrEqual(7);
    expect(subset('latin')?.ranges).toContainEqual([0x0000, 0x00ff]);
    expect(subset('greek')).toBeDefined();
  });

  it('picks only the faces a text needs', () => {
    expect(facesFor('Lumen · 42 tokens').map((face) => face.file)).toEqual([subset('latin')?.file]);
    expect(facesFor('Lumen Ω').map((face) => face.file)).toEqual(expect.arrayContaining([subset('latin')?.file, subset('greek')?.file]));
    expect(facesFor('')).toEqual([]);
  });

  it('inlines the woff2 of a face, so nothing is fetched', () => {
    const css = fontFaceCss([subset('latin')!]);
    expect(css).toContain(`font-family: '${DIAGRAM_FONT_NAME}'`);
    expect(css).toMatch(/url\(data:font\/woff2;base64,[A-Za-z0-9+/=]{1000,}\)/);
    expect(css).not.toContain('./files/');
  });

  it('embeds in a diagram the faces of its labels, right after the <svg> tag', () => {
    const svg = '<svg id="d" xmlns="http://www.w3.org/2000/svg"><style>#d{font-family:x}</style><text>Lumen &#x3A9;</text></svg>';
    const embedded = embedDiagramFont(svg);
    expect(embedded.startsWith('<svg id="d" xmlns="http://www.w3.org/2000/svg"><style>@font-face')).toBe(true);
    expect(embedded.match(/@font-face/g)).toHaveLength(2); // latin for "Lumen", greek for the entity Ω
    expect(embedded.endsWith('<style>#d{font-family:x}</style><text>Lumen &#x3A9;</text></svg>')).toBe(true);
    expect(embedDiagramFont('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>')).toBe('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>');
  });

  it('is the first family Mermaid lays labels out with, and the render page loads every face of it', () => {
    expect(DIAGRAM_FONT_FAMILY.startsWith(`'${DIAGRAM_FONT_NAME}',`)).toBe(true);
    expect(mermaidConfig('light')['fontFamily']).toBe(DIAGRAM_FONT_FAMILY);
    expect(renderPageHtml().match(/@font-face/g)).toHaveLength(fontFaces().length);
  });

  it('is part of the render fingerprint, so a new font version re-renders every diagram', () => {
    expect(renderFingerprint()).toContain(`"font":"@fontsource-variable/inter@${diagramFontVersion()}"`);
  });
});
