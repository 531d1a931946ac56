/**
 * `npm run bench` — measures the book pipeline the same way every time and prints medians and ratios.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { runBench } from '../src/bench/bench.ts';
import { runCommand, UsageError } from '../src/cli/run.ts';

const HELP = `Usage: npm run bench [-- options]

Builds the book several times, each in a fresh process, and prints a table of medians:
  site build            npm run build --site-only (our pipeline: check + Astro with the book's plugins)
  bare astro build      the same content through Astro + Starlight without the book's remark plugins
  chapter page weight   gzipped JS run on load (before search is opened), and HTML+CSS+JS in total

Options:
  --runs N      runs per measurement (default 3, at least 3 for a median worth quoting)
  --root DIR    the book to measure (default: this repository; tests/site/fixtures/book is the fixture book)
  --json FILE   also write the figures as JSON
  -h, --help    show this help`;

await runCommand(async () => {
  let values;
  try {
    ({ values } = parseArgs({ options: { runs: { type: 'string' }, root: { type: 'string' }, json: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const runs = values.runs === undefined ? 3 : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`--runs must be a whole number of at least 1, not "${values.runs}"`);
  const repo = fileURLToPath(new URL('..', import.meta.url));
  await runBench({ repo, root: resolve(values.root ?? repo), runs, json: values.json, log: (line) => console.log(line) });
  return 0;
});
