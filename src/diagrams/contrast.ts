/**
 * WCAG 2.x contrast of every label in a rendered diagram against what it is drawn on, measured in Chromium.
 *
 *   const probe = await launchContrastProbe({ executablePath: '/usr/bin/chromium' });
 *   const labels = await probe.measure(readFileSync('diagrams/.rendered/3f9a….dark.svg', 'utf8'), 'dark');
 *     → [{ text: 'BuildKit cache mount …', foreground: '#f1f3f9', background: '#fff7e0', ratio: 1.04 }, …]
 *   labels.filter((label) => label.ratio < MIN_LABEL_CONTRAST)   // the labels a reader cannot read
 *   await probe.close();
 *
 *   contrastRatio(parseColour('rgb(0, 0, 0)'), parseColour('rgb(255, 255, 255)'))  →  21
 *
 * The SVG is placed inline in a page styled like the site (diagrams.css, the theme's page background and
 * Starlight's body text colour, which HTML labels without a colour of their own inherit). contrast-probe.js
 * reports, for each line of text, its computed colour and centre; then every label is made transparent and
 * the page screenshotted, so the colour under each centre is what Chromium painted there: shapes, edge
 * label backgrounds, sequence-number markers, translucent fills already composited over what is behind
 * them. The text colour (with its own alpha) is composited over that colour and the two are compared.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { DIAGRAMS_SRC_DIR, diagramsCssPath } from './browser-script-path.ts';
import { CHROMIUM_ARGS } from './chromium.ts';
import { DIAGRAM_FONT_FAMILY, THEME_BACKGROUND } from './render-config.ts';
import type { DiagramTheme } from './types.ts';
import { composite, contrastRatio, parseColour, toHex, type Rgba } from '../core/colour.ts';

// The colour arithmetic is shared with the deck theme (which runs in the browser too): see src/core/colour.ts.
export { composite, contrastRatio, parseColour, relativeLuminance, toHex, type Rgba } from '../core/colour.ts';

/** WCAG 2.x level AA for normal-size text (success criterion 1.4.3). */
export const MIN_LABEL_CONTRAST = 4.5;

/**
 * Starlight's body text colour (--sl-color-text = --sl-color-gray-2 in @astrojs/starlight's props.css),
 * inherited by any HTML label Mermaid gives no colour of its own.
 */
export const THEME_TEXT: Record<DiagramTheme, string> = {
  light: 'hsl(224, 10%, 23%)',
  dark: 'hsl(224, 6%, 77%)',
};

/** What the page reports for one line of text (see contrast-probe.js). */
export interface ProbeSample {
  text: string;
  colour: string;
  x: number;
  y: number;
}

export interface LabelContrast {
  text: string;
  /** Opaque text colour after compositing, as #rrggbb. */
  foreground: string;
  /** Opaque colour under the text after compositing, as #rrggbb. */
  background: string;
  ratio: number;
}

/** A screenshot decoded to RGBA bytes, row by row. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Half the side of the square read around a label's centre: 7 × 7 pixels, inside one line of 16 px text. */
const SAMPLE_RADIUS = 3;

/**
 * The colour a label is drawn on: the most frequent pixel in a small square around its centre, so an
 * antialiased edge or a thin line crossing the centre does not decide the result.
 */
export function backgroundAt(pixels: Pixels, x: number, y: number): Rgba {
  const counts = new Map<number, number>();
  const cx = Math.round(x);
  const cy = Math.round(y);
  let best = -1;
  let bestCount = 0;
  for (let py = Math.max(0, cy - SAMPLE_RADIUS); py <= Math.min(pixels.height - 1, cy + SAMPLE_RADIUS); py += 1) {
    for (let px = Math.max(0, cx - SAMPLE_RADIUS); px <= Math.min(pixels.width - 1, cx + SAMPLE_RADIUS); px += 1) {
      const offset = (py * pixels.width + px) * 4;
      const key = ((pixels.data[offset] ?? 0) << 16) | ((pixels.data[offset + 1] ?? 0) << 8) | (pixels.data[offset + 2] ?? 0);
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      if (count > bestCount) [best, bestCount] = [key, count];
    }
  }
  if (best < 0) throw new Error(`the point (${x}, ${y}) is outside the page (${pixels.width}×${pixels.height})`);
  return { r: (best >> 16) & 255, g: (best >> 8) & 255, b: best & 255, a: 1 };
}

/** The contrast of one probed line of text against the (opaque) colour under it. */
export function sampleContrast(sample: ProbeSample, background: Rgba): LabelContrast {
  const foreground = composite(parseColour(sample.colour), background);
  return { text: sample.text, foreground: toHex(foreground), background: toHex(background), ratio: contrastRatio(foreground, background) };
}

/** The page a rendering is measured in: the site's figure CSS, one theme's page colours, the SVG inline. */
export function contrastPageHtml(svg: string, theme: DiagramTheme): string {
  return `<!doctype html>
<html lang="en" data-theme="${theme}">
<head>
<meta charset="utf-8">
<style>
body { margin: 0; padding: 16px; font-family: ${DIAGRAM_FONT_FAMILY}; font-size: 16px; line-height: 1.75; background: ${THEME_BACKGROUND[theme]}; color: ${THEME_TEXT[theme]}; }
${readFileSync(diagramsCssPath(), 'utf8')}
</style>
</head>
<body><figure class="book-diagram not-content"><div class="book-diagram__svg">${svg}</div></figure></body>
</html>`;
}

export function contrastProbePath(): string {
  return join(DIAGRAMS_SRC_DIR, 'contrast-probe.js');
}

interface ProbeApi {
  probe(): ProbeSample[];
  hideText(): void;
}

export interface ContrastProbe {
  /** One entry per distinct (label, colours) in the rendering, worst first. */
  measure(svg: string, theme: DiagramTheme): Promise<LabelContrast[]>;
  close(): Promise<void>;
}

/** Keeps the worst line of each label, sorted worst first. */
export function worstPerLabel(contrasts: readonly LabelContrast[]): LabelContrast[] {
  const byLabel = new Map<string, LabelContrast>();
  for (const entry of contrasts) {
    const seen = byLabel.get(entry.text);
    if (!seen || entry.ratio < seen.ratio) byLabel.set(entry.text, entry);
  }
  return [...byLabel.values()].sort((a, b) => a.ratio - b.ratio);
}

export async function launchContrastProbe(options: { executablePath: string }): Promise<ContrastProbe> {
  const { chromium } = await import('playwright-core');
  const browser: Browser = await chromium.launch({ executablePath: options.executablePath, args: [...CHROMIUM_ARGS], headless: true });
  try {
    const page: Page = await browser.newPage({ viewport: { width: 1600, height: 1200 }, deviceScaleFactor: 1 });
    await page.route('**/*', (route) => route.abort());
    return {
      async measure(svg, theme) {
        await page.setContent(contrastPageHtml(svg, theme));
        await page.addScriptTag({ path: contrastProbePath() });
        const samples = await page.evaluate(() => (window as unknown as { __bookContrast: ProbeApi }).__bookContrast.probe());
        await page.evaluate(() => (window as unknown as { __bookContrast: ProbeApi }).__bookContrast.hideText());
        const png = await page.screenshot({ fullPage: true, type: 'png', animations: 'disabled', caret: 'hide' });
        const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
        const pixels: Pixels = { width: info.width, height: info.height, data };
        return worstPerLabel(samples.map((sample) => sampleContrast(sample, backgroundAt(pixels, sample.x, sample.y))));
      },
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
