/**
 * Everything that decides how a diagram looks, in one place, so that the cache key can cover it.
 *
 *   mermaidConfig('dark')  →  { theme: 'base', themeVariables: { darkMode: true, … }, fontFamily: …, deterministicIds: true, … }
 *   renderFingerprint()    →  '{"pipeline":1,"mermaid":"12.3.0","font":"@fontsource-variable/inter@5.3.0","configs":{…}}'  (changes ⇒ every diagram is stale)
 *
 * Colours follow Starlight's default palette (accent hue 224). Every label of every committed rendering must
 * reach 4.5:1 against what it is drawn on, in both variants: tests/diagrams/contrast.test.ts measures it
 * (src/diagrams/contrast.ts). A `classDef` with a fixed light fill needs its own `color:` too, or the dark
 * variant draws near-white text on it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DIAGRAM_FONT_NAME, DIAGRAM_FONT_PACKAGE, diagramFontVersion } from './font.ts';
import type { DiagramTheme } from './types.ts';

const require = createRequire(import.meta.url);

/** Bump when the post-processing of rendered SVGs changes in a way that alters the output. */
export const PIPELINE_VERSION = 1;

/**
 * The self-hosted font first (src/diagrams/font.ts: loaded in the render page, on the site and embedded in
 * deck images), then Starlight's system stack for the few characters no subset of it covers (→, ✓, ✗).
 */
export const DIAGRAM_FONT_FAMILY =
  `'${DIAGRAM_FONT_NAME}', -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', Arial, sans-serif`;

export const DIAGRAM_FONT_SIZE = '16px';

/** Page background each variant is designed for (used by the render page and screenshots). */
export const THEME_BACKGROUND: Record<DiagramTheme, string> = {
  light: '#ffffff',
  dark: '#17181c',
};

const sharedVariables = {
  fontFamily: DIAGRAM_FONT_FAMILY,
  fontSize: DIAGRAM_FONT_SIZE,
};

const themeVariables: Record<DiagramTheme, Record<string, string | boolean>> = {
  light: {
    ...sharedVariables,
    darkMode: false,
    background: THEME_BACKGROUND.light,
    primaryColor: '#e6ecff',
    primaryBorderColor: '#3357c4',
    primaryTextColor: '#14171f',
    secondaryColor: '#eef1f6',
    secondaryBorderColor: '#5b6478',
    secondaryTextColor: '#14171f',
    tertiaryColor: '#f7f8fb',
    tertiaryBorderColor: '#8a93a8',
    tertiaryTextColor: '#14171f',
    lineColor: '#3d4455',
    textColor: '#14171f',
    titleColor: '#14171f',
    clusterBkg: '#f4f6fb',
    clusterBorder: '#8a93a8',
    edgeLabelBackground: '#ffffff',
    noteBkgColor: '#fff6cc',
    noteBorderColor: '#b08a12',
    noteTextColor: '#2b2205',
    actorBkg: '#e6ecff',
    actorBorder: '#3357c4',
    actorTextColor: '#14171f',
    actorLineColor: '#5b6478',
    signalColor: '#3d4455',
    signalTextColor: '#14171f',
    labelBoxBkgColor: '#e6ecff',
    labelBoxBorderColor: '#3357c4',
    labelTextColor: '#14171f',
    loopTextColor: '#14171f',
    activationBkgColor: '#dfe5f5',
    activationBorderColor: '#3357c4',
    sequenceNumberColor: '#ffffff',
  },
  dark: {
    ...sharedVariables,
    darkMode: true,
    background: THEME_BACKGROUND.dark,
    primaryColor: '#223056',
    primaryBorderColor: '#8ba6ff',
    primaryTextColor: '#f1f3f9',
    secondaryColor: '#2a2f3c',
    secondaryBorderColor: '#9aa3b8',
    secondaryTextColor: '#f1f3f9',
    tertiaryColor: '#1f232d',
    tertiaryBorderColor: '#6d7891',
    tertiaryTextColor: '#f1f3f9',
    lineColor: '#b4bccd',
    textColor: '#e8ebf2',
    titleColor: '#f1f3f9',
    clusterBkg: '#1d212b',
    clusterBorder: '#6d7891',
    edgeLabelBackground: '#2a2f3c',
    noteBkgColor: '#3b3319',
    noteBorderColor: '#c9a640',
    noteTextColor: '#fbf1cf',
    actorBkg: '#223056',
    actorBorder: '#8ba6ff',
    actorTextColor: '#f1f3f9',
    actorLineColor: '#9aa3b8',
    signalColor: '#c8cfdd',
    signalTextColor: '#f1f3f9',
    labelBoxBkgColor: '#223056',
    labelBoxBorderColor: '#8ba6ff',
    labelTextColor: '#f1f3f9',
    loopTextColor: '#f1f3f9',
    activationBkgColor: '#2d3a63',
    activationBorderColor: '#8ba6ff',
    sequenceNumberColor: '#10131a',
  },
};

/**
 * Extra CSS per variant. Mermaid's 'neo' look gives nodes a light grey drop shadow that glows on a dark
 * page; the dark variant gets a dark shadow instead.
 */
const themeCss: Record<DiagramTheme, string> = {
  light: '',
  dark: [
    '[data-look="neo"].node rect, [data-look="neo"].node polygon, [data-look="neo"].node circle,',
    '[data-look="neo"].node .outer-path, [data-look="neo"].cluster rect',
    '{ filter: drop-shadow(1px 2px 2px rgba(0, 0, 0, 0.6)); }',
  ].join(' '),
};

/** The `mermaid.initialize()` options for one variant. Plain JSON so it can cross into the browser page. */
export function mermaidConfig(theme: DiagramTheme): Record<string, unknown> {
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'base',
    themeVariables: themeVariables[theme],
    themeCSS: themeCss[theme],
    fontFamily: DIAGRAM_FONT_FAMILY,
    htmlLabels: true,
    // Stable ids make re-renders byte-identical, so the committed cache only changes when a diagram does.
    deterministicIds: true,
    // The 'neo' look draws some shapes with rough.js; a fixed seed keeps those paths identical between runs.
    handDrawnSeed: 1,
    flowchart: { padding: 12 },
  };
}

let cachedVersion: string | undefined;

/** The installed Mermaid version (part of the cache key). */
export function mermaidVersion(): string {
  if (cachedVersion === undefined) {
    const manifest = JSON.parse(readFileSync(require.resolve('mermaid/package.json'), 'utf8')) as { version?: unknown };
    cachedVersion = typeof manifest.version === 'string' ? manifest.version : 'unknown';
  }
  return cachedVersion;
}

/** Absolute path of Mermaid's self-contained browser bundle (loaded into the page from disk, never from a CDN). */
export function mermaidBundlePath(): string {
  return require.resolve('mermaid/dist/mermaid.min.js');
}

/** A string that changes whenever anything other than the source text would change the rendered SVGs. */
export function renderFingerprint(): string {
  return JSON.stringify({
    pipeline: PIPELINE_VERSION,
    mermaid: mermaidVersion(),
    font: `${DIAGRAM_FONT_PACKAGE}@${diagramFontVersion()}`,
    configs: { light: mermaidConfig('light'), dark: mermaidConfig('dark') },
  });
}
