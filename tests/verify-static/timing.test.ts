import { expect, it } from 'vitest';
import { FIXTURES, fixtureFiles, fixtureRequirements, outcomes } from './support.ts';

// A guard, not a benchmark: warm checks must stay cheap (typically ~4 ms per file here; the bound is 25x
// that). Cold includes loading ruff's wasm and the schemas. What is compared is this process's CPU time
// (process.cpuUsage, all its threads) in the cheapest of three warm passes: waiting for a core while other
// test files run is not counted (one pass took 178 ms of wall time per file at a load average of 23), while
// a checker that re-initialises per file spends CPU on every pass and fails. The programs some checkers run
// per file by design (bash -n, shellcheck) are processes of their own and not counted.
it('checks every fixture with a low warm per-file cost', async () => {
  const files = ['kubernetes', 'python', 'dockerfile', 'shell', 'workflow', 'helm', 'data', 'secrets']
    .flatMap((folder) => fixtureFiles(folder))
    .map((path) => path.slice(FIXTURES.length + 1));
  const requirements = fixtureRequirements();
  const pass = async () => {
    const start = process.cpuUsage();
    for (const file of files) await outcomes(file, requirements);
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  await pass(); // cold
  const warm = Math.min(await pass(), await pass(), await pass());
  expect(files.length).toBeGreaterThan(50);
  expect(warm / files.length, `ms of CPU per file in the cheapest warm pass over ${files.length} files`).toBeLessThan(100);
});
