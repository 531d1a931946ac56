/**
 * Real Mermaid in headless Chromium: one browser and one page for a whole run.
 *
 *   const renderer = await launchMermaidRenderer({ executablePath: '/usr/bin/chromium' });
 *   await renderer.render('flowchart TD\n A --> B', 'mmd-5c1e…-light', 'light')
 *     → { ok: true, svg: '<svg id="mmd-5c1e…-light" …>' } | { ok: false, message: 'Parse error on line 2: …', line: 2 }
 *   await renderer.close();
 *
 * Mermaid's bundle and our page script are read from disk into an offline `about:blank`-style page
 * (setContent + addScriptTag({ path })), so nothing is ever fetched.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { browserScriptPath, diagramsCssPath } from './browser-script-path.ts';
import { CHROMIUM_ARGS } from './chromium.ts';
import { fontFaceCss, fontFaces } from './font.ts';
import { DIAGRAM_FONT_FAMILY, mermaidBundlePath, mermaidConfig, THEME_BACKGROUND } from './render-config.ts';
import type { DiagramTheme } from './types.ts';

export type PageRenderResult = { ok: true; svg: string } | { ok: false; message: string; line: number | null };

export interface MermaidRenderer {
  render(source: string, id: string, theme: DiagramTheme): Promise<PageRenderResult>;
  /** The Playwright page, for screenshots and checks in tests. */
  readonly page: Page;
  close(): Promise<void>;
}

/** Starts a renderer; injectable so callers (and tests) can count or replace browser launches. */
export type MermaidRendererLauncher = () => Promise<MermaidRenderer>;

function diagramsCss(): string {
  return readFileSync(diagramsCssPath(), 'utf8');
}

/** The blank page diagrams are rendered in: the diagram font inlined, the figure CSS, nothing remote. */
export function renderPageHtml(): string {
  return `<!doctype html>
<html lang="en" data-theme="light">
<head>
<meta charset="utf-8">
<style>
${fontFaceCss(fontFaces())}
body { margin: 0; padding: 16px; font-family: ${DIAGRAM_FONT_FAMILY}; font-size: 16px; line-height: 1.75; background: ${THEME_BACKGROUND.light}; }
${diagramsCss()}
</style>
</head>
<body><figure class="book-diagram not-content"><div id="stage" class="book-diagram__svg"></div></figure></body>
</html>`;
}

export async function launchMermaidRenderer(options: { executablePath: string }): Promise<MermaidRenderer> {
  // Imported on first use so that reading cached diagrams (the site) never loads Playwright.
  const { chromium } = await import('playwright-core');
  const browser: Browser = await chromium.launch({
    executablePath: options.executablePath,
    args: [...CHROMIUM_ARGS],
    headless: true,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    // Belt and braces: the page has no business on the network.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(renderPageHtml());
    // Labels are measured when Mermaid renders: every face of the font must be loaded before the first one.
    await page.evaluate(async () => {
      await Promise.all([...document.fonts].map((face) => face.load()));
    });
    await page.addScriptTag({ path: mermaidBundlePath() });
    await page.addScriptTag({ path: browserScriptPath() });
    return {
      page,
      render: (source, id, theme) =>
        page.evaluate(
          (input) =>
            (window as unknown as { __bookDiagrams: { render: (s: string, i: string, c: unknown) => Promise<PageRenderResult> } })
              .__bookDiagrams.render(input.source, input.id, input.config),
          { source, id, config: mermaidConfig(theme) },
        ),
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
