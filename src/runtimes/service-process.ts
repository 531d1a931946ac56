/**
 * A long-running service process (Kafka broker, redis-server, daprd …) in its own process group, with its
 * output in a log file. `stop()` sends SIGTERM to the whole group, waits, then SIGKILLs what is left, so
 * nothing outlives it. Every started group is remembered so a CLI can kill them on Ctrl-C. On Linux the
 * service also gets a parent-death signal (util-linux's `setpriv --pdeathsig KILL`), so the kernel kills it
 * when the process that started it dies without stopping it: a test worker killed by a signal, a CLI
 * killed with `kill -9`. Its own children stay in its group, which `stop()` and the CLI's handlers kill.
 *
 *   const p = startService({ argv: ['redis-server', '--port', '6380'], cwd, env, logFile });
 *   await p.stop();
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

const SETPRIV = process.platform === 'linux' && existsSync('/usr/bin/setpriv') ? '/usr/bin/setpriv' : undefined;

function onPath(program: string, path: string): boolean {
  if (program.includes('/')) return existsSync(program);
  return path.split(delimiter).some((dir) => dir !== '' && isAbsolute(dir) && existsSync(join(dir, program)));
}

/**
 * The argv that starts `argv` with a parent-death signal, where setpriv exists and the program is found
 * (a program that is not found is spawned as it is, so the spawn error still names it).
 *
 *   withParentDeathSignal(['redis-server', '--port', '6380'])  // → ['/usr/bin/setpriv', '--pdeathsig', 'KILL', '--', 'redis-server', …]
 */
export function withParentDeathSignal(argv: readonly string[], options: { setpriv?: string | undefined; path?: string | undefined } = { setpriv: SETPRIV, path: process.env['PATH'] }): string[] {
  const [program] = argv;
  if (options.setpriv === undefined || program === undefined || !onPath(program, options.path ?? '')) return [...argv];
  return [options.setpriv, '--pdeathsig', 'KILL', '--', ...argv];
}

const groups = new Set<number>();

/** Kills every service group started by this module that is still running (for exit/signal handlers). */
export function killAllServices(): void {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  groups.clear();
}

export interface ServiceProcess {
  pid: number;
  logFile: string;
  /** Exit description once it has exited, else undefined. */
  exited: () => string | undefined;
  /** Last `lines` lines of the log. */
  logTail: (lines?: number) => string;
  stop: (graceMs?: number) => Promise<void>;
}

export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function startService(request: {
  argv: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  logFile: string;
}): ServiceProcess {
  const [program] = request.argv;
  if (program === undefined) throw new Error('startService: empty argv');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.env)) if (v !== undefined) env[k] = v;
  // setpriv execs the program in place: same pid, same process group.
  const [command = program, ...args] = withParentDeathSignal(request.argv, { setpriv: SETPRIV, path: env['PATH'] });
  const fd = openSync(request.logFile, 'a');
  const child = spawn(command, args, { cwd: request.cwd, env, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exit: string | undefined;
  let spawnFailure: string | undefined;
  const closed = new Promise<void>((done) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnFailure = `cannot run ${program} (${error.code ?? error.message})`;
      exit = spawnFailure;
      done();
    });
    child.on('exit', (code, signal) => {
      exit = signal ? `killed by ${signal}` : `exited with code ${code}`;
      done();
    });
  });
  const pid = child.pid ?? -1;
  if (pid > 0) groups.add(pid);
  const logTail = (lines = 30) => {
    try {
      return readFileSync(request.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
  const stop = async (graceMs = 10_000) => {
    if (pid <= 0) return;
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-pid, signal);
      } catch {
        // gone
      }
    };
    signalGroup('SIGTERM');
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline && groupAlive(pid)) await new Promise((r) => setTimeout(r, 100));
    if (groupAlive(pid)) signalGroup('SIGKILL');
    await Promise.race([closed, new Promise((r) => setTimeout(r, 2000))]);
    const last = Date.now() + 5000;
    while (groupAlive(pid) && Date.now() < last) await new Promise((r) => setTimeout(r, 50));
    groups.delete(pid);
  };
  return { pid, logFile: request.logFile, exited: () => exit, logTail, stop };
}
