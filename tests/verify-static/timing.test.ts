import { expect, it } from 'vitest';
import { FIXTURES, fixtureFiles, fixtureRequirements, outcomes } from './support.ts';

// A guard, not a benchmark: warm checks must stay cheap (typically ~4 ms per file here; the bound is
// 25x that). Cold includes loading ruff's wasm and the schemas. The fastest of three warm passes is
// compared, so a burst of load from the other test files does not fail it (one pass measured 178 ms
// per file at a load average of 23); a checker that re-initialises per file would fail every pass.
it('checks every fixture with a low warm per-file cost', async () => {
  const files = ['kubernetes', 'python', 'dockerfile', 'shell', 'workflow', 'helm', 'data', 'secrets']
    .flatMap((folder) => fixtureFiles(folder))
    .map((path) => path.slice(FIXTURES.length + 1));
  const requirements = fixtureRequirements();
  const pass = async () => {
    const start = performance.now();
    for (const file of files) await outcomes(file, requirements);
    return performance.now() - start;
  };
  await pass(); // cold
  const warm = Math.min(await pass(), await pass(), await pass());
  expect(files.length).toBeGreaterThan(50);
  expect(warm / files.length).toBeLessThan(100);
});
