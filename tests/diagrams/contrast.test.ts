/**
 * Every label of every committed rendering (diagrams/.rendered/*.svg) is readable: WCAG 2.x contrast of its
 * text colour against the shape, label background or page it sits on is at least 4.5:1, in both themes
 * (issue 13). Measured in real Chromium by src/diagrams/contrast.ts; the fixture proves the measurement
 * fails a ~1:1 label, passes a ~7:1 one and composites translucent fills.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RENDERED_DIR } from '../../src/diagrams/cache.ts';
import { collectDiagramSources } from '../../src/diagrams/collect.ts';
import type { ContrastProbe } from '../../src/diagrams/contrast.ts';
import { composite, contrastRatio, launchContrastProbe, MIN_LABEL_CONTRAST, parseColour } from '../../src/diagrams/contrast.ts';
import { diagramHash } from '../../src/diagrams/hash.ts';
import type { DiagramTheme } from '../../src/diagrams/types.ts';
import { chromiumPath, FIXTURES, NO_CHROMIUM_REASON } from './helpers.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

describe('contrast arithmetic', () => {
  test('WCAG ratios of known pairs', () => {
    expect(contrastRatio(parseColour('rgb(0, 0, 0)'), parseColour('rgb(255, 255, 255)'))).toBeCloseTo(21, 5);
    expect(contrastRatio(parseColour('rgb(89, 89, 89)'), parseColour('rgb(255, 255, 255)'))).toBeCloseTo(7.0, 1);
    expect(contrastRatio(parseColour('rgb(10, 20, 30)'), parseColour('rgb(10, 20, 30)'))).toBe(1);
  });

  test('a translucent colour is composited over what is behind it', () => {
    const grey = composite(parseColour('rgba(0, 0, 0, 0.5)'), parseColour('rgb(255, 255, 255)'));
    expect([grey.r, grey.g, grey.b, grey.a]).toEqual([127.5, 127.5, 127.5, 1]);
  });
});

describe.skipIf(!chromiumPath)(`label contrast in Chromium${chromiumPath ? '' : ` (skipped: ${NO_CHROMIUM_REASON})`}`, () => {
  let probe: ContrastProbe;
  beforeAll(async () => {
    probe = await launchContrastProbe({ executablePath: chromiumPath ?? '' });
  });
  afterAll(async () => {
    await probe.close();
  });

  test('the fixture: a ~1:1 label fails, a ~7:1 label passes, translucent fills are composited', async () => {
    const labels = await probe.measure(readFileSync(join(FIXTURES, 'contrast', 'labels.svg'), 'utf8'), 'light');
    const ratio = (text: string): number => labels.find((label) => label.text === text)?.ratio ?? Number.NaN;
    expect(labels.map((label) => label.text).sort()).toEqual(['edge label', 'faint label', 'page label', 'readable label', 'translucent label']);
    expect(ratio('faint label')).toBeCloseTo(1.04, 2);
    expect(ratio('faint label')).toBeLessThan(MIN_LABEL_CONTRAST);
    expect(ratio('readable label')).toBeCloseTo(7.0, 1);
    expect(ratio('translucent label')).toBeGreaterThan(3.9); // 3.95:1 or 4.00:1: #808080 or #7f7f7f
    expect(ratio('translucent label')).toBeLessThan(4.1);
    expect(['#7f7f7f', '#808080']).toContain(labels.find((label) => label.text === 'translucent label')?.background);
    expect(labels.find((label) => label.text === 'page label')?.background).toBe('#ffffff');
    expect(labels.find((label) => label.text === 'edge label')?.background).toBe('#2a2f3c');
  });

  test('every label of every committed rendering has at least 4.5:1 in its theme', async () => {
    const origins = new Map<string, string>();
    for (const source of await collectDiagramSources(REPO)) {
      origins.set(diagramHash(source.source), `${source.origin.file}:${source.origin.line}`);
    }
    const files = readdirSync(join(REPO, RENDERED_DIR)).filter((name) => name.endsWith('.svg')).sort();
    expect(files.length).toBeGreaterThan(0);
    const failures: string[] = [];
    let measured = 0;
    for (const name of files) {
      const [hash, theme] = name.split('.') as [string, DiagramTheme];
      const origin = origins.get(hash) ?? `${RENDERED_DIR}/${name} (no diagram uses it: run npm run diagrams)`;
      for (const label of await probe.measure(readFileSync(join(REPO, RENDERED_DIR, name), 'utf8'), theme)) {
        measured += 1;
        if (label.ratio >= MIN_LABEL_CONTRAST) continue;
        failures.push(
          `${origin}: ${theme} theme: label "${label.text.slice(0, 60)}": text ${label.foreground} on ${label.background} is ` +
            `${label.ratio.toFixed(2)}:1, needs ${MIN_LABEL_CONTRAST}:1. Give its classDef/style a color: that reads on that fill ` +
            `(or a fill that works in both themes), or fix the palette in src/diagrams/render-config.ts; then npm run diagrams`,
        );
      }
    }
    expect(measured).toBeGreaterThan(files.length);
    expect(failures).toEqual([]);
  }, 300_000);
});
