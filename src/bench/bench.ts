/**
 * The measurements behind `npm run bench`. Each build runs in its own process (a warm module cache would
 * flatter the figures) and the output folder is removed before each run.
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageWeight } from '../cli/page-weight.ts';
import { formatDuration } from '../cli/run.ts';
import { timeCommand, type Timing } from './measure.ts';

export interface BenchOptions {
  repo: string;
  root: string;
  runs: number;
  json?: string | undefined;
  log: (line: string) => void;
}

export interface BenchRow {
  name: string;
  median: number;
  runs: number[];
  unit: 'ms' | 'bytes';
  note?: string;
}

/** A one-off script, run by Node from the repo, that builds `root` with or without the book's plugins. */
function bareBuildArgv(root: string): string[] {
  const script = `
    import { build } from 'astro';
    import { bookAstroConfig } from './src/site/config.ts';
    await build({ ...bookAstroConfig({ root: ${JSON.stringify(root)}, withoutBookPlugins: true }), configFile: false, logLevel: 'error' });
  `;
  return [process.execPath, '--input-type=module', '-e', script];
}

function firstChapterPage(dist: string): string | undefined {
  const chapter = readdirSync(dist).filter((name) => /^\d{2}-/.test(name)).sort()[0];
  if (chapter) return `${chapter}/index.html`;
  return existsSync(join(dist, 'index.html')) ? 'index.html' : undefined;
}

export async function runBench(options: BenchOptions): Promise<BenchRow[]> {
  const { repo, root, runs, log } = options;
  const dist = join(root, 'dist');
  const clean = () => rmSync(dist, { recursive: true, force: true });
  const rows: BenchRow[] = [];
  const add = (name: string, timing: Timing, note?: string) => {
    rows.push({ name, median: timing.median, runs: timing.runs, unit: 'ms', ...(note ? { note } : {}) });
    log(`  ${name}: median ${formatDuration(timing.median)} (${timing.runs.map((r) => formatDuration(r)).join(', ')})`);
  };

  log(`bench: ${root} — ${runs} run(s) per measurement`);
  const bare = await timeCommand(bareBuildArgv(root), { cwd: repo, runs, before: clean });
  add('bare astro build (no book plugins)', bare);
  const site = await timeCommand([process.execPath, join(repo, 'scripts/build.ts'), '--site-only', '--root', root], { cwd: repo, runs, before: clean });
  add('site build (npm run build --site-only)', site, `${(site.median / bare.median).toFixed(2)}× bare`);

  const page = firstChapterPage(dist);
  if (page) {
    const weight = pageWeight(dist, page);
    rows.push({ name: `JS on load, gzipped (${page})`, median: weight.jsGzip, runs: [weight.jsGzip], unit: 'bytes' });
    rows.push({ name: `HTML+CSS+JS, gzipped (${page})`, median: weight.totalGzip, runs: [weight.totalGzip], unit: 'bytes' });
  }

  log('');
  log(formatTable(rows));
  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify({ root, runs, rows }, null, 2)}\n`);
    log(`bench: figures written to ${options.json}`);
  }
  return rows;
}

export function formatTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((row) => [row.name, row.unit === 'ms' ? formatDuration(row.median) : `${(row.median / 1024).toFixed(1)} KB`, row.note ?? '']);
  const header = ['measurement', 'median', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}
