/**
 * Runs one command in its own process group and captures its output. A timeout (or an abort signal) kills
 * the WHOLE group: SIGTERM, then SIGKILL after a grace period; when the command ends by itself, anything it
 * left running in its group is killed too, so nothing outlives a step.
 *
 *   await runProcess({ argv: ['sh', '-c', 'echo hi'], cwd: '/tmp/x', env: { PATH: '/usr/bin' }, timeoutMs: 5000 })
 *   // → { exitCode: 0, signal: null, timedOut: false, stdout: 'hi\n', stderr: '', combined: 'hi\n', durationMs: 7 }
 */
import { spawn } from 'node:child_process';

export interface ProcessRequest {
  argv: readonly string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  stdin?: string | undefined;
  /** Time between SIGTERM and SIGKILL after a timeout. */
  graceMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface ProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in arrival order, as a terminal would show them. */
  combined: string;
  durationMs: number;
  /** Set when the program could not be started at all (ENOENT, EACCES). */
  spawnError?: string | undefined;
}

/** Process groups of commands still running, so an interrupted CLI can take them down with it. */
const running = new Set<number>();

/** Sends `signal` to every process group this module started that is still running (used on Ctrl-C / exit). */
export function killRunningProcessGroups(signal: NodeJS.Signals = 'SIGKILL'): number {
  for (const pid of running) killGroup(pid, signal);
  return running.size;
}

/** Registers a process group started elsewhere (a service) so an interrupted CLI takes it down too. */
export function trackProcessGroup(pid: number): void {
  running.add(pid);
}

export function untrackProcessGroup(pid: number): void {
  running.delete(pid);
}

export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function runProcess(request: ProcessRequest): Promise<ProcessResult> {
  const started = performance.now();
  const grace = request.graceMs ?? 2000;
  return new Promise((resolvePromise) => {
    const [command, ...args] = request.argv;
    if (command === undefined) throw new Error('runProcess: empty argv');
    const child = spawn(command, args, {
      cwd: request.cwd,
      env: request.env,
      detached: true, // own process group: -pid addresses the step and everything it starts
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) running.add(child.pid);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const both: Buffer[] = [];
    let timedOut = false;
    let aborted = false;
    let spawnError: string | undefined;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let settled = false;

    child.stdout.on('data', (chunk: Buffer) => {
      out.push(chunk);
      both.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err.push(chunk);
      both.push(chunk);
    });
    child.stdin.on('error', () => {
      // The step may exit without reading its input.
    });
    if (request.stdin !== undefined) child.stdin.end(request.stdin);
    else child.stdin.end();

    const stop = () => {
      if (child.pid === undefined) return;
      const pid = child.pid;
      killGroup(pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), grace);
      killTimer.unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, request.timeoutMs);
    const onAbort = () => {
      aborted = true;
      stop();
    };
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.signal?.aborted) onAbort();

    const finish = async () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      if (child.pid !== undefined) {
        // Leave nothing behind: whatever the step started in its group goes with it.
        killGroup(child.pid, 'SIGKILL');
        for (let i = 0; i < 50 && groupAlive(child.pid); i += 1) await new Promise((r) => setTimeout(r, 20));
      }
      if (killTimer) clearTimeout(killTimer);
      if (child.pid !== undefined) running.delete(child.pid);
      resolvePromise({
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        timedOut,
        aborted,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        combined: Buffer.concat(both).toString('utf8'),
        durationMs: Math.round(performance.now() - started),
        spawnError,
      });
    };

    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = `${command}: ${error.code === 'ENOENT' ? 'command not found' : error.message}`;
      void finish();
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Kill leftovers now so pipes they hold close and 'close' can fire.
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
    });
    child.on('close', () => void finish());
  });
}
