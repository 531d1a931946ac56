/**
 * Timing helpers for `npm run bench`: run a command N times in a fresh process each time and report the
 * median, so one noisy run on a shared machine does not decide the figure.
 *
 *   await timeCommand([process.execPath, 'scripts/build.ts', '--site-only'], { cwd, runs: 3 })
 *   // → { runs: [3120, 2980, 3310], median: 3120 }
 */
import { spawn } from 'node:child_process';

export interface Timing {
  runs: number[];
  median: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Runs `argv` once; resolves with its wall time in ms, rejects with its output when it fails. */
export function runOnce(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env, okCodes: readonly number[] = [0]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(argv[0] as string, argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const elapsed = performance.now() - started;
      if (okCodes.includes(code ?? -1)) resolve(elapsed);
      else reject(new Error(`${argv.join(' ')} exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}

export interface TimeOptions {
  cwd: string;
  runs: number;
  /** Runs before each timed run, untimed (e.g. remove the output folder). */
  before?: () => void;
  env?: NodeJS.ProcessEnv;
  /** Exit codes that still count as a run (verify-snippets exits 1 when a snippet fails its checks). */
  okCodes?: readonly number[];
}

export async function timeCommand(argv: readonly string[], options: TimeOptions): Promise<Timing> {
  const runs: number[] = [];
  for (let i = 0; i < options.runs; i += 1) {
    options.before?.();
    runs.push(await runOnce(argv, options.cwd, options.env, options.okCodes));
  }
  return { runs, median: median(runs) };
}
