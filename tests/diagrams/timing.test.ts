/**
 * Records how long rendering takes: the fixture book rendered cold (browser launch included) three times,
 * reporting the median cold total and the median time per diagram (both variants). Printed, not asserted
 * against a budget: the numbers depend on the machine.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { collectDiagramSources, renderDiagrams } from '../../src/diagrams/index.ts';
import { chromiumPath, copyFixture, countingLauncher, median, NO_CHROMIUM_REASON } from './helpers.ts';

describe.skipIf(!chromiumPath)(`render timings${chromiumPath ? '' : ` (skipped: ${NO_CHROMIUM_REASON})`}`, () => {
  const book = copyFixture('book');
  afterAll(() => book.cleanup());

  it('renders the fixture diagrams cold three times', async () => {
    const sources = await collectDiagramSources(book.root);
    const coldTotals: number[] = [];
    const perDiagram: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const counting = countingLauncher();
      const started = performance.now();
      let last = started;
      let launched = 0;
      const result = await renderDiagrams(book.root, sources, {
        force: true,
        launcher: async () => {
          const renderer = await counting.launcher();
          launched = performance.now();
          last = launched;
          return renderer;
        },
        onProgress: () => {
          const now = performance.now();
          perDiagram.push(now - last);
          last = now;
        },
      });
      coldTotals.push(performance.now() - started);
      expect(result).toMatchObject({ rendered: sources.length, errors: [] });
      expect(counting.launches()).toBe(1);
      expect(launched).toBeGreaterThan(started);
    }
    const line = `diagram timings: ${sources.length} diagrams, cold run median ${Math.round(median(coldTotals))} ms (runs: ${coldTotals
      .map((ms) => Math.round(ms))
      .join(', ')} ms); per diagram, light+dark, median ${Math.round(median(perDiagram))} ms (min ${Math.round(
      Math.min(...perDiagram),
    )}, max ${Math.round(Math.max(...perDiagram))})`;
    console.log(line);
    expect(perDiagram).toHaveLength(sources.length * 3);
  });
});
