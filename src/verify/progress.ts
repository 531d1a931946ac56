/**
 * Live progress on stderr: on a TTY (and not CI) one status line rewritten in place, `[3/12] snippets/…`;
 * otherwise one plain line per finished item, so CI logs stay readable.
 *
 *   const progress = createProgress({ write: (s) => process.stderr.write(s), tty: true, ci: false });
 *   progress.start(12); progress.begin('snippets/a.py'); progress.end('snippets/a.py', 'passed'); progress.finish();
 */
import type { Status } from './types.ts';

export interface Progress {
  start(total: number): void;
  begin(label: string): void;
  end(label: string, status: Status): void;
  /** A message line (cluster commands, notes) printed above the status line. */
  log(line: string): void;
  finish(): void;
}

export interface ProgressOptions {
  write: (text: string) => void;
  tty: boolean;
  ci: boolean;
  /** Terminal width, to keep the status line on one row. */
  columns?: number | undefined;
}

const MARK: Record<Status, string> = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip' };

export function createProgress(options: ProgressOptions): Progress {
  const live = options.tty && !options.ci;
  let total = 0;
  let done = 0;
  const running = new Set<string>();
  let shown = false;
  const width = Math.max(40, (options.columns ?? 100) - 1);
  const clear = () => {
    if (live && shown) options.write('\r\u001b[K');
    shown = false;
  };
  const draw = () => {
    if (!live) return;
    const current = [...running][0] ?? '';
    const line = `[${done}/${total}] ${current}`;
    options.write(`\r\u001b[K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    shown = true;
  };
  return {
    start(count) {
      total = count;
      draw();
    },
    begin(label) {
      running.add(label);
      draw();
    },
    end(label, status) {
      running.delete(label);
      done += 1;
      if (live) {
        if (status === 'failed') {
          clear();
          options.write(`FAIL ${label}\n`);
        }
        draw();
      } else options.write(`[${done}/${total}] ${MARK[status]} ${label}\n`);
    },
    log(line) {
      clear();
      options.write(`${line}\n`);
      draw();
    },
    finish() {
      clear();
    },
  };
}

/** A progress that prints nothing (tests, --json without a terminal). */
export const silentProgress: Progress = { start() {}, begin() {}, end() {}, log() {}, finish() {} };
