/**
 * The measurements behind `npm run bench`, on a scratch copy of the book (see scratch.ts). Every timed
 * run is a fresh process (a warm module cache would flatter the figures); medians over `runs` runs.
 *
 *   site build        npm run build --site-only           vs  bare `astro build` of the same content
 *   deck build        buildDecks (generate + slidev)      vs  bare multi-entry `slidev build` of the same decks
 *   diagrams cold     npm run diagrams, empty cache (Chromium launch included)   diagrams cached: nothing to render
 *   verify static     npm run verify-snippets --static-only, cold (--no-cache) and warm; then all local tiers cold
 *   chapter page      gzipped JS run on load, and HTML+CSS+JS gzipped
 *
 *   const rows = await runBench({ repo, root: 'tests/site/fixtures/book', runs: 3, json: 'bench.json', log });
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageWeight } from '../cli/page-weight.ts';
import { formatDuration } from '../cli/run.ts';
import { generateDecks, writeDecks } from '../slides/generate.ts';
import { slidevBin } from '../slides/slidev.ts';
import { runOnce, timeCommand, type Timing } from './measure.ts';
import { scratchCopy } from './scratch.ts';

export interface BenchOptions {
  repo: string;
  /** The book to measure; it is copied, never written. */
  root: string;
  runs: number;
  json?: string | undefined;
  /** Measure only these groups (all when absent). */
  only?: ReadonlySet<BenchGroup> | undefined;
  log: (line: string) => void;
}

export const BENCH_GROUPS = ['diagrams', 'site', 'decks', 'verify'] as const;
export type BenchGroup = (typeof BENCH_GROUPS)[number];

export interface BenchRow {
  name: string;
  median: number;
  runs: number[];
  unit: 'ms' | 'bytes';
  note?: string;
}

/** A one-off module run by Node from the repo. */
const script = (code: string) => [process.execPath, '--input-type=module', '-e', code];

function bareAstroArgv(root: string): string[] {
  return script(`
    import { build } from 'astro';
    import { bookAstroConfig } from './src/site/config.ts';
    await build({ ...bookAstroConfig({ root: ${JSON.stringify(root)}, withoutBookPlugins: true }), configFile: false, logLevel: 'error' });
  `);
}

function deckBuildArgv(root: string, outDir: string): string[] {
  return script(`
    import { buildDecks } from './src/slides/build.ts';
    await buildDecks(${JSON.stringify(root)}, { outDir: ${JSON.stringify(outDir)} });
  `);
}

function firstChapterPage(dist: string): string | undefined {
  const chapter = readdirSync(dist).filter((name) => /^\d{2}-/.test(name)).sort()[0];
  if (chapter) return `${chapter}/index.html`;
  return existsSync(join(dist, 'index.html')) ? 'index.html' : undefined;
}

export async function runBench(options: BenchOptions): Promise<BenchRow[]> {
  const { repo, runs, log } = options;
  log(`bench: ${options.root} — ${runs} run(s) per measurement, on a scratch copy`);
  const root = scratchCopy(repo, options.root);
  const dist = join(root, 'dist');
  const rendered = join(root, 'diagrams', '.rendered');
  const rows: BenchRow[] = [];
  const add = (name: string, timing: Timing, note?: string) => {
    rows.push({ name, median: timing.median, runs: timing.runs, unit: 'ms', ...(note ? { note } : {}) });
    log(`  ${name}: median ${formatDuration(timing.median)} (${timing.runs.map((r) => formatDuration(r)).join(', ')})`);
  };
  const ratio = (ours: Timing, bare: Timing) => `${(ours.median / bare.median).toFixed(2)}× bare`;
  const want = (group: BenchGroup) => !options.only || options.only.has(group);

  // Diagrams first: the builds below need the renderings back.
  if (want('diagrams')) {
  const hasDiagrams = existsSync(join(root, 'diagrams')) && readdirSync(join(root, 'diagrams')).some((n) => n !== '.rendered');
  const diagramsArgv = [process.execPath, join(repo, 'scripts/diagrams.ts'), '--root', root];
  const cold = await timeCommand(diagramsArgv, { cwd: repo, runs, before: () => rmSync(rendered, { recursive: true, force: true }) });
  add('diagrams cold (empty cache, Chromium launch)', cold, hasDiagrams ? undefined : 'no diagrams in this book');
  add('diagrams cached (nothing to render)', await timeCommand(diagramsArgv, { cwd: repo, runs }));
  }

  if (want('site')) {
  const clean = () => rmSync(dist, { recursive: true, force: true });
  const bare = await timeCommand(bareAstroArgv(root), { cwd: repo, runs, before: clean });
  add('bare astro build (no book plugins)', bare);
  const site = await timeCommand([process.execPath, join(repo, 'scripts/build.ts'), '--site-only', '--root', root], { cwd: repo, runs, before: clean });
  add('site build (npm run build --site-only)', site, ratio(site, bare));

  const page = firstChapterPage(dist);
  if (page) {
    const weight = pageWeight(dist, page);
    rows.push({ name: `JS on load, gzipped (${page})`, median: weight.jsGzip, runs: [weight.jsGzip], unit: 'bytes' });
    rows.push({ name: `HTML+CSS+JS, gzipped (${page})`, median: weight.totalGzip, runs: [weight.totalGzip], unit: 'bytes' });
  }
  }

  const set = want('decks') ? generateDecks(root) : undefined;
  if (!set) {
    // not measured
  } else if (set.decks.length > 0) {
    const sources = writeDecks(set);
    const bareOut = join(root, '.bench-bare-decks');
    const bareDecks = await timeCommand(
      [process.execPath, slidevBin(), 'build', ...sources, '--base', './', '--router-mode', 'hash', '--out', bareOut],
      { cwd: set.deckDir, runs, before: () => rmSync(bareOut, { recursive: true, force: true }), env: { ...process.env, NODE_ENV: 'production' } },
    );
    add(`bare slidev build (${set.decks.length} deck${set.decks.length === 1 ? '' : 's'}, multi-entry)`, bareDecks);
    const deckOut = join(root, '.bench-decks');
    const decks = await timeCommand(deckBuildArgv(root, deckOut), { cwd: repo, runs, before: () => rmSync(deckOut, { recursive: true, force: true }) });
    add('deck build (generate + slidev build)', decks, ratio(decks, bareDecks));
  } else {
    log('  decks: the book has no chapters, so no decks to build');
  }

  if (want('verify')) {
  const verify = [process.execPath, join(repo, 'scripts/verify-snippets.ts')];
  const verifyOptions = { cwd: root, runs, okCodes: [0, 1] };
  add('verify-snippets static tier, cold (--no-cache)', await timeCommand([...verify, '--static-only', '--no-cache'], verifyOptions));
  // --no-cache runs leave no cache behind: fill it once, untimed, so every warm run really is warm.
  await runOnce([...verify, '--static-only'], root, process.env, [0, 1]);
  add('verify-snippets static tier, warm (cache)', await timeCommand([...verify, '--static-only'], verifyOptions));
  add('verify-snippets all local tiers, cold', await timeCommand([...verify, '--no-cache'], verifyOptions), 'static checks plus every verify.yaml step that can run here');
  }

  log('');
  log(formatTable(rows));
  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify({ root: options.root, runs, rows }, null, 2)}\n`);
    log(`bench: figures written to ${options.json}`);
  }
  rmSync(root, { recursive: true, force: true });
  return rows;
}

export function formatTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((row) => [row.name, row.unit === 'ms' ? formatDuration(row.median) : `${(row.median / 1024).toFixed(1)} KB`, row.note ?? '']);
  const header = ['measurement', 'median', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}
