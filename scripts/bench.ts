/**
 * `npm run bench` — measures the book pipeline the same way every time and prints medians and ratios.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { BENCH_GROUPS, runBench, type BenchGroup } from '../src/bench/bench.ts';
import { runCommand, UsageError } from '../src/cli/run.ts';

const HELP = `Usage: npm run bench [-- options]

Measures the book pipeline on a scratch copy of the book (.scratch-bench/, removed afterwards; the
book's own dist/, diagram cache and verify cache are never touched), each run in a fresh process, and
prints a table of medians:
  diagrams cold / cached   npm run diagrams with an empty cache (Chromium launch included), then with all cached
  bare astro build         the same content through Astro + Starlight without the book's remark plugins
  site build               npm run build --site-only (check + Astro with the book's plugins), as a ratio to bare
  chapter page weight      gzipped JS run on load (before search is opened), and HTML+CSS+JS in total
  bare slidev build        one multi-entry \`slidev build\` of the generated decks
  deck build               our deck pipeline (generate + the same slidev build), as a ratio to bare
  verify-snippets          static tier cold (--no-cache) and warm (its cache); every local step, cold

Options:
  --runs N      runs per measurement (default 3, at least 3 for a median worth quoting)
  --root DIR    the book to measure (default: the fixture book tests/site/fixtures/book; . for the real book)
  --json FILE   also write the figures as JSON
  --only LIST   measure only some groups, comma-separated: diagrams, site, decks, verify
  -h, --help    show this help`;

await runCommand(async () => {
  let values;
  try {
    ({ values } = parseArgs({ options: { runs: { type: 'string' }, root: { type: 'string' }, json: { type: 'string' }, only: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
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
  let only: Set<BenchGroup> | undefined;
  if (values.only !== undefined) {
    const groups = values.only.split(',').map((g) => g.trim()).filter(Boolean);
    const unknown = groups.filter((g) => !(BENCH_GROUPS as readonly string[]).includes(g));
    if (unknown.length > 0 || groups.length === 0) throw new UsageError(`--only takes a comma-separated list of: ${BENCH_GROUPS.join(', ')} (got "${values.only}")`);
    only = new Set(groups as BenchGroup[]);
  }
  await runBench({ repo, root: resolve(values.root ?? join(repo, 'tests/site/fixtures/book')), runs, json: values.json, only, log: (line) => console.log(line) });
  return 0;
});
