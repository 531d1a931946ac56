/**
 * Runs the installed Slidev CLI (@slidev/cli) as a child process under the current Node.
 *
 *   await runSlidev(['build', 'a.md', 'b.md', '--base', './'], { cwd, onLine: (line) => … })
 *   // → { code: 0, output: '…last lines…' }
 *   const child = startSlidev(['deck.md', '--port', '3030'], { cwd })   // dev server, output inherited
 *
 * Slidev's own progress lines go to `onLine`; the tail of its output is kept for error messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Absolute path of Slidev's CLI entry (resolved through the package's exports, not a hard-coded path). */
export function slidevBin(): string {
  return fileURLToPath(import.meta.resolve('@slidev/cli/bin/slidev.mjs'));
}

export interface RunSlidevOptions {
  cwd: string;
  /** Every line Slidev prints (stdout and stderr), ANSI colours removed. */
  onLine?: ((line: string) => void) | undefined;
  env?: NodeJS.ProcessEnv | undefined;
}

export interface SlidevResult {
  code: number;
  /** The last lines of output (at most 200), for error reports. */
  output: string;
}

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export function runSlidev(args: readonly string[], options: RunSlidevOptions): Promise<SlidevResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [slidevBin(), ...args], {
      cwd: options.cwd,
      env: { ...(options.env ?? process.env), FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    const pending = { stdout: '', stderr: '' };
    const feed = (stream: 'stdout' | 'stderr', chunk: Buffer) => {
      const lines = (pending[stream] + chunk.toString('utf8')).split(/\r?\n|\r/);
      pending[stream] = lines.pop() ?? '';
      for (const raw of lines) emit(raw);
    };
    const emit = (raw: string) => {
      const line = raw.replace(ANSI, '');
      tail.push(line);
      if (tail.length > 200) tail.shift();
      options.onLine?.(line);
    };
    child.stdout.on('data', (chunk: Buffer) => feed('stdout', chunk));
    child.stderr.on('data', (chunk: Buffer) => feed('stderr', chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (pending.stdout) emit(pending.stdout);
      if (pending.stderr) emit(pending.stderr);
      resolvePromise({ code: code ?? (signal ? 128 : 1), output: tail.join('\n') });
    });
  });
}

/** Starts a long-running Slidev (the dev server) with its output shown as is. */
export function startSlidev(args: readonly string[], options: { cwd: string }): ChildProcess {
  return spawn(process.execPath, [slidevBin(), ...args], { cwd: options.cwd, stdio: 'inherit' });
}
