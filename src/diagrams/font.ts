/**
 * The one font of diagram labels, self-hosted from npm (Fontsource's Inter, variable weight): Mermaid lays
 * the labels out with it, and the site and the decks show them with it, so a label measured to fit its box
 * still fits wherever it is read, whatever fonts the reader's system has.
 *
 *   diagramFontCssPath()             // → '…/node_modules/@fontsource-variable/inter/wght.css' (the site's customCss)
 *   fontFaceCss(fontFaces())         // → every @font-face rule with its woff2 inlined (the render page)
 *   embedDiagramFont(svg)            // → the SVG with the faces its text needs inlined (a deck's <img>)
 *
 * A deck shows diagrams as <img>, and an SVG image cannot reach the page's fonts or fetch its own: there the
 * faces are embedded, only those whose unicode-range covers a character of the diagram.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const DIAGRAM_FONT_PACKAGE = '@fontsource-variable/inter';
/** The family name Fontsource's CSS declares. */
export const DIAGRAM_FONT_NAME = 'Inter Variable';
/** The package's stylesheet: one @font-face per subset, each with its unicode-range. */
const STYLESHEET = 'wght.css';

export interface FontFace {
  /** The woff2 file, absolute. */
  file: string;
  /** Code point ranges the face covers, inclusive. */
  ranges: [number, number][];
  /** The rule as Fontsource writes it (its url relative to the package). */
  rule: string;
}

/** The font's stylesheet as an absolute path (a book outside this repository cannot resolve the package by name). */
export function diagramFontCssPath(): string {
  return join(packageDir(), STYLESHEET);
}

function packageDir(): string {
  return dirname(require.resolve(`${DIAGRAM_FONT_PACKAGE}/package.json`));
}

/** The installed font package's version (part of the diagrams' render fingerprint). */
export function diagramFontVersion(): string {
  const manifest = JSON.parse(readFileSync(join(packageDir(), 'package.json'), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

function parseRanges(value: string): [number, number][] {
  return value.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const start = Number.parseInt(from ?? '', 16);
    return [start, to === undefined ? start : Number.parseInt(to, 16)];
  });
}

let cachedFaces: FontFace[] | undefined;

/** The @font-face rules of the font's stylesheet, read from the installed package. */
export function fontFaces(): FontFace[] {
  if (cachedFaces) return cachedFaces;
  const dir = packageDir();
  const css = readFileSync(diagramFontCssPath(), 'utf8');
  cachedFaces = [...css.matchAll(/@font-face\s*\{[^}]*\}/g)].map(([rule]) => {
    const url = /url\(\.\/([^)]+)\)/.exec(rule)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(rule)?.[1];
    if (url === undefined || range === undefined) throw new Error(`${DIAGRAM_FONT_PACKAGE}/${STYLESHEET}: an @font-face without url() or unicode-range: ${rule}`);
    return { file: join(dir, url), ranges: parseRanges(range), rule };
  });
  return cachedFaces;
}

/** The faces whose unicode-range covers at least one character of `text` (white space needs none). */
export function facesFor(text: string, faces: readonly FontFace[] = fontFaces()): FontFace[] {
  const points = new Set([...text.replace(/\s+/g, '')].map((char) => char.codePointAt(0) as number));
  return faces.filter((face) => [...points].some((point) => face.ranges.some(([from, to]) => point >= from && point <= to)));
}

const inlined = new Map<string, string>();

/** @font-face rules with each woff2 inlined as a data: URL (nothing to fetch). */
export function fontFaceCss(faces: readonly FontFace[]): string {
  return faces
    .map((face) => {
      let data = inlined.get(face.file);
      if (data === undefined) {
        data = `data:font/woff2;base64,${readFileSync(face.file).toString('base64')}`;
        inlined.set(face.file, data);
      }
      return face.rule.replace(/url\([^)]+\)/, `url(${data})`);
    })
    .join('\n');
}

/** The characters a rendered diagram shows: its text with tags and entities taken out (enough to pick faces). */
function visibleText(svg: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&[a-z]+;/gi, ' ');
}

/** A rendered diagram with the font faces its text needs embedded, for showing it as an image. */
export function embedDiagramFont(svg: string): string {
  const faces = facesFor(visibleText(svg));
  if (faces.length === 0) return svg;
  const open = /<svg\b[^>]*>/.exec(svg);
  if (!open) return svg;
  const at = open.index + open[0].length;
  return `${svg.slice(0, at)}<style>${fontFaceCss(faces)}</style>${svg.slice(at)}`;
}
