/**
 * Runs one provisioning command (pip, uv, mvn, go, apt-get, dpkg-deb) in its own process group, with its
 * output appended to a log file. A non-zero exit becomes an InstallError carrying the last lines of the
 * log and what to do, never a stack trace.
 *
 *   await runLogged({ argv: ['go', 'version'], cwd: '/tmp', env, log: '/tmp/x.log', what: 'go version' })
 */
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';

export class InstallError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'InstallError';
    this.hint = hint;
  }
}

export interface LoggedCommand {
  argv: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Output goes here (appended). */
  log: string;
  /** Short description for the error message, e.g. 'mvn dependency:copy-dependencies'. */
  what: string;
  /** What the user should do when it fails. */
  hint?: string | undefined;
  timeoutMs?: number | undefined;
}

/** Process groups of running commands, killed if the CLI is interrupted. */
export const runningGroups = new Set<number>();

export function killRunningGroups(): void {
  for (const pid of runningGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export function tailOf(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export function runLogged(command: LoggedCommand): Promise<void> {
  const [program, ...args] = command.argv;
  if (program === undefined) throw new Error('runLogged: empty argv');
  appendFileSync(command.log, `\n$ ${command.argv.join(' ')}\n`);
  return new Promise((resolvePromise, reject) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(command.env)) if (v !== undefined) env[k] = v;
    const child = spawn(program, args, { cwd: command.cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid !== undefined) runningGroups.add(child.pid);
    const write = (chunk: Buffer) => appendFileSync(command.log, chunk);
    child.stdout.on('data', write);
    child.stderr.on('data', write);
    let timedOut = false;
    const timer =
      command.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            if (child.pid !== undefined) {
              try {
                process.kill(-child.pid, 'SIGKILL');
              } catch {
                // gone
              }
            }
          }, command.timeoutMs);
    const fail = (why: string) =>
      reject(
        new InstallError(
          `${command.what} ${why}. Last lines of ${command.log}:\n${tailOf(command.log)}`,
          command.hint ?? 'fix the cause above and run the same command again; the previous install (if any) is unchanged',
        ),
      );
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      if (child.pid !== undefined) runningGroups.delete(child.pid);
      reject(
        new InstallError(
          `${command.what}: cannot run ${program} (${error.code ?? error.message})`,
          command.hint ?? `install ${program} (on Debian: apt-get install the package that ships it) and run again`,
        ),
      );
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (child.pid !== undefined) {
        runningGroups.delete(child.pid);
        try {
          process.kill(-child.pid, 'SIGKILL'); // anything it left behind in its group
        } catch {
          // none
        }
      }
      if (timedOut) fail(`timed out after ${Math.round((command.timeoutMs ?? 0) / 1000)} s`);
      else if (code === 0) resolvePromise();
      else fail(signal ? `was killed by ${signal}` : `failed (exit ${code})`);
    });
  });
}
