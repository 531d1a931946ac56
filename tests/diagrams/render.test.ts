/**
 * Renders the fixture book with real Mermaid in headless Chromium and checks the SVGs, the cache and the
 * "no browser when everything is cached" rule. Skipped (with the reason) only when no Chromium exists.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, isBookError } from '../../src/core/diagnostics.ts';
import {
  collectDiagramSources,
  diagramFigureHtml,
  diagramHash,
  findStaleDiagrams,
  readRenderedDiagram,
  renderDiagrams,
  RENDERED_DIR,
} from '../../src/diagrams/index.ts';
import type { DiagramSource, RenderedDiagram } from '../../src/diagrams/index.ts';
import { chromiumPath, copyFixture, countingLauncher, forbiddenLauncher, idReferencesIn, idsIn, NO_CHROMIUM_REASON } from './helpers.ts';

const FLOWCHART = 'diagrams/53-demo/nested-flowchart.mmd';
const SEQUENCE = 'diagrams/53-demo/sequence-autonumber.mmd';
const STATE = 'diagrams/53-demo/state-notes.mmd';

function count(haystack: string, needle: RegExp): number {
  return [...haystack.matchAll(new RegExp(needle.source, needle.flags.includes('g') ? needle.flags : `${needle.flags}g`))].length;
}

describe.skipIf(!chromiumPath)(`rendering in Chromium${chromiumPath ? '' : ` (skipped: ${NO_CHROMIUM_REASON})`}`, () => {
  let book: ReturnType<typeof copyFixture>;
  let sources: DiagramSource[];
  let launches: () => number;
  let rendered: Map<string, RenderedDiagram>;
  let firstRun: Awaited<ReturnType<typeof renderDiagrams>>;

  beforeAll(async () => {
    book = copyFixture('book');
    sources = await collectDiagramSources(book.root);
    const counting = countingLauncher();
    launches = counting.launches;
    firstRun = await renderDiagrams(book.root, sources, { launcher: counting.launcher, prune: true });
    rendered = new Map(sources.map((source) => [source.origin.file, readRenderedDiagram(book.root, source)]));
  });

  afterAll(() => book?.cleanup());

  it('renders every fixture diagram in one browser', () => {
    expect(firstRun).toMatchObject({ rendered: 4, cached: 0, removed: 0, errors: [] });
    expect(launches()).toBe(1);
  });

  it('keeps nested subgraphs without duplicating nodes', () => {
    const { light } = rendered.get(FLOWCHART)!;
    for (const label of ['API gateway', 'Model service', 'vLLM pod A', 'vLLM pod B', 'Prometheus', 'Reader']) {
      expect(count(light, new RegExp(`>${label}<`)), label).toBe(1);
    }
    expect(count(light, /<g class="node /)).toBe(6);
    expect(count(light, /<g class="cluster"/)).toBe(3);
    for (const cluster of ['Kubernetes cluster', 'Namespace: inference', 'Observability']) expect(light).toContain(cluster);
    expect(light).toContain('HTTPS request');
    // HTML labels survive as foreignObject content.
    expect(count(light, /<foreignObject/)).toBeGreaterThanOrEqual(6);
  });

  it('shows autonumbered messages and the note of the sequence diagram', () => {
    const { light, dark } = rendered.get(SEQUENCE)!;
    for (const svg of [light, dark]) {
      const numbers = [...svg.matchAll(/<text[^>]*class="sequenceNumber"[^>]*>(\d+)<\/text>/g)].map((match) => match[1]);
      expect(numbers).toEqual(['1', '2', '3', '4']);
      expect(svg).toContain('Token budget checked before forwarding');
      expect(svg).toContain('POST /v1/chat/completions');
    }
  });

  it('keeps the notes of the state diagram', () => {
    const { light } = rendered.get(STATE)!;
    expect(light).toContain('GPU allocated');
    expect(light).toContain('backoff doubles');
    for (const state of ['Pending', 'Running', 'Succeeded', 'Failed']) expect(light).toContain(`>${state}<`);
  });

  it('gives each diagram a light and a dark SVG of real size that differ', () => {
    for (const [file, diagram] of rendered) {
      expect(diagram.light.length, file).toBeGreaterThan(5_000);
      expect(diagram.dark.length, file).toBeGreaterThan(5_000);
      expect(diagram.light).not.toBe(diagram.dark);
      expect(diagram.light).toMatch(new RegExp(`^<svg[^>]* id="mmd-${diagram.hash}-light"`));
      expect(diagram.dark).toMatch(new RegExp(`^<svg[^>]* id="mmd-${diagram.hash}-dark"`));
      // Natural size as attributes (CSS scales it down), no inline max-width left from Mermaid.
      expect(diagram.light).toMatch(/^<svg[^>]* width="\d+(\.\d+)?"/);
      expect(diagram.light).toMatch(/^<svg[^>]* height="\d+(\.\d+)?"/);
      expect(diagram.light).not.toMatch(/^<svg[^>]*max-width/);
      expect(diagram.lightPath).toBe(`${RENDERED_DIR}/${diagram.hash}.light.svg`);
    }
  });

  it('makes ids unique across diagrams and variants, with every reference kept inside its own SVG', () => {
    const all: string[] = [];
    for (const diagram of rendered.values()) {
      for (const [theme, svg] of [['light', diagram.light], ['dark', diagram.dark]] as const) {
        const ids = idsIn(svg);
        const prefix = `mmd-${diagram.hash}-${theme}`;
        expect(ids.filter((id) => !id.startsWith(prefix))).toEqual([]);
        const [style = ''] = svg.match(/<style>[\s\S]*?<\/style>/) ?? [];
        // Markup references resolve inside the same SVG; style references at least stay in its namespace.
        expect(idReferencesIn(svg.replace(style, '')).filter((ref) => !ids.includes(ref))).toEqual([]);
        expect(idReferencesIn(style).filter((ref) => !ref.startsWith(`${prefix}-`))).toEqual([]);
        // Styles are scoped to the diagram's own root id.
        expect(style).toContain(`#${prefix}{`);
        all.push(...ids);
      }
    }
    expect(all.length).toBeGreaterThan(50);
    expect(new Set(all).size).toBe(all.length);
  });

  it('writes standalone, well-formed SVG files', async () => {
    const jsdomSpecifier: string = 'jsdom';
    const { JSDOM } = (await import(jsdomSpecifier)) as { JSDOM: new () => { window: { DOMParser: typeof DOMParser } } };
    const parser = new new JSDOM().window.DOMParser();
    for (const diagram of rendered.values()) {
      const onDisk = readFileSync(join(book.root, diagram.darkPath), 'utf8');
      const doc = parser.parseFromString(onDisk, 'image/svg+xml');
      expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
      expect(doc.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    }
  });

  it('shows only the variant matching data-theme in a figure, scaled down to a narrow column', async () => {
    const css = readFileSync(join(import.meta.dirname, '../../src/diagrams/diagrams.css'), 'utf8');
    const figure = diagramFigureHtml({ rendered: rendered.get(FLOWCHART)!, alt: 'Inference path', caption: 'The path' });
    const renderer = await countingLauncher().launcher();
    try {
      await renderer.page.setViewportSize({ width: 360, height: 640 });
      const seen: Record<string, unknown> = {};
      for (const theme of ['light', 'dark']) {
        await renderer.page.setContent(`<!doctype html><html data-theme="${theme}"><head><style>${css}</style></head><body>${figure}</body></html>`);
        seen[theme] = await renderer.page.evaluate(() =>
          [...document.querySelectorAll('svg[role="img"]')]
            .filter((svg) => svg.getBoundingClientRect().width > 0)
            .map((svg) => ({ id: svg.id.replace(/[0-9a-f]{20}/, '<hash>'), name: svg.getAttribute('aria-label'), fits: svg.getBoundingClientRect().right <= 360 })),
        );
      }
      expect(seen).toEqual({
        light: [{ id: 'mmd-<hash>-light', name: 'Inference path', fits: true }],
        dark: [{ id: 'mmd-<hash>-dark', name: 'Inference path', fits: true }],
      });
    } finally {
      await renderer.close();
    }
  });

  it('renders byte-identical SVGs again (quiet diffs in the committed cache)', async () => {
    const before = [...rendered.values()].map((diagram) => diagram.light + diagram.dark);
    const again = await renderDiagrams(book.root, sources, { force: true, launcher: countingLauncher().launcher });
    expect(again).toMatchObject({ rendered: 4, cached: 0 });
    const after = sources.map((source) => {
      const diagram = readRenderedDiagram(book.root, source);
      return diagram.light + diagram.dark;
    });
    expect(after).toEqual(before);
  });

  it('launches no browser when everything is cached, and none for a renamed file', async () => {
    const cached = await renderDiagrams(book.root, sources, { launcher: forbiddenLauncher, prune: true });
    expect(cached).toMatchObject({ rendered: 0, cached: 4, removed: 0, errors: [] });

    renameSync(join(book.root, STATE), join(book.root, 'diagrams/53-demo/renamed-state.mmd'));
    const afterRename = await collectDiagramSources(book.root);
    expect(findStaleDiagrams(book.root, afterRename)).toEqual([]);
    expect(await renderDiagrams(book.root, afterRename, { launcher: forbiddenLauncher })).toMatchObject({ rendered: 0, cached: 4 });
  });

  it('reports a changed source as stale with its origin, re-renders only it and prunes the old files', async () => {
    const file = join(book.root, FLOWCHART);
    const oldHash = diagramHash(readFileSync(file, 'utf8'));
    writeFileSync(file, `${readFileSync(file, 'utf8')}  prom --> grafana[Grafana]\n`);
    const changed = await collectDiagramSources(book.root);

    const stale = findStaleDiagrams(book.root, changed);
    expect(stale.map((source) => source.origin)).toEqual([{ file: FLOWCHART, line: 1 }]);

    let thrown: unknown;
    try {
      readRenderedDiagram(book.root, stale[0]!);
    } catch (error) {
      thrown = error;
    }
    expect(isBookError(thrown)).toBe(true);
    const message = formatDiagnostic((thrown as { diagnostics: Parameters<typeof formatDiagnostic>[0][] }).diagnostics[0]!);
    expect(message.replace(/[0-9a-f]{20}/g, '<hash>')).toMatchInlineSnapshot(`
      "diagrams/53-demo/nested-flowchart.mmd:1  error  Mermaid diagram has no up-to-date rendering (expected diagrams/.rendered/<hash>.light.svg and diagrams/.rendered/<hash>.dark.svg)  [diagram-stale]
        hint: run npm run diagrams (and commit diagrams/.rendered/)"
    `);

    const counting = countingLauncher();
    const progress: string[] = [];
    const result = await renderDiagrams(book.root, changed, {
      launcher: counting.launcher,
      prune: true,
      onProgress: (done, total, origin) => progress.push(`${done}/${total} ${origin.file}:${origin.line}`),
    });
    expect(result).toMatchObject({ rendered: 1, cached: 3, removed: 1, errors: [] });
    expect(result.removedFiles).toEqual([`${RENDERED_DIR}/${oldHash}.dark.svg`, `${RENDERED_DIR}/${oldHash}.light.svg`]);
    expect(progress).toEqual([`1/1 ${FLOWCHART}:1`]);
    expect(counting.launches()).toBe(1);
    expect(readRenderedDiagram(book.root, stale[0]!).light).toContain('Grafana');
  });
});

describe.skipIf(!chromiumPath)(`syntax errors in Chromium${chromiumPath ? '' : ` (skipped: ${NO_CHROMIUM_REASON})`}`, () => {
  it('points at the file and line of the error, for .mmd files and inline blocks', async () => {
    const book = copyFixture('bad');
    try {
      const sources = await collectDiagramSources(book.root);
      const result = await renderDiagrams(book.root, sources, { launcher: countingLauncher().launcher });
      expect(result.rendered).toBe(0);
      expect(result.errors.map((entry) => formatDiagnostic(entry)).join('\n')).toMatchInlineSnapshot(`
        "diagrams/broken.mmd:3  error  Mermaid syntax error: Parse error on line 3: Expecting 'TXT', got 'NEWLINE'  [diagram-syntax]
          hint: Fix the Mermaid text at that line, then run \`npm run diagrams\`
        chapters/50-broken/index.mdx:10  error  Mermaid syntax error: Parse error on line 3: Expecting 'AMP', 'COLON', 'PIPE', 'TESTSTR', 'DOWN', 'DEFAULT', 'NUM', 'COMMA', 'NODE_STRING', 'BRKT', 'MINUS', 'MULT', 'UNICODE_TEXT', got 'LINK'  [diagram-syntax]
          hint: Fix the Mermaid text at that line, then run \`npm run diagrams\`"
      `);
    } finally {
      book.cleanup();
    }
  });
});
