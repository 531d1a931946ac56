/**
 * Long-running service processes (redis-server, a Kafka broker, placement, scheduler, daprd, an example's
 * app): each in its own process group, its output kept in a bounded buffer for the report, registered so an
 * interrupted CLI kills it, and stopped with SIGTERM, then SIGKILL after a grace period.
 *
 *   const redis = spawnService({ name: 'redis', argv: ['redis-server', '--port', '6400'], cwd, env });
 *   redis.logTail(30)   // → the last 30 lines it printed
 *   await redis.stop(2000)
 */
import { spawn } from 'node:child_process';
import { groupAlive, killGroup, trackProcessGroup, untrackProcessGroup } from '../process.ts';

export interface ServiceProcessRequest {
  /** A short label for logs: `redis`, `dapr placement`. */
  name: string;
  argv: readonly string[];
  cwd: string;
  env: Record<string, string>;
}

export interface ServiceProcess {
  readonly name: string;
  readonly pid: number | undefined;
  /** Set once the process has exited (or could not start): how it ended. */
  readonly exited: { code: number | null; signal: NodeJS.Signals | null; error?: string | undefined } | undefined;
  /** Resolves when the process has exited. */
  readonly done: Promise<void>;
  logTail(lines: number): string;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves when the group is gone. */
  stop(graceMs: number): Promise<void>;
}

const KEEP_BYTES = 256 * 1024;

export function spawnService(request: ServiceProcessRequest): ServiceProcess {
  const [command, ...args] = request.argv;
  if (command === undefined) throw new Error('spawnService: empty argv');
  let log = '';
  const append = (chunk: Buffer) => {
    log += chunk.toString('utf8');
    if (log.length > KEEP_BYTES) log = log.slice(-KEEP_BYTES);
  };
  let exited: ServiceProcess['exited'];
  const child = spawn(command, args, { cwd: request.cwd, env: request.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid !== undefined) trackProcessGroup(pid);
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const done = new Promise<void>((resolve) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      exited = { code: null, signal: null, error: `${command}: ${error.code === 'ENOENT' ? 'command not found' : error.message}` };
      append(Buffer.from(`${exited.error}\n`));
      resolve();
    });
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  const waitGone = async (deadline: number) => {
    while (pid !== undefined && groupAlive(pid) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  };
  return {
    name: request.name,
    pid,
    get exited() {
      return exited;
    },
    done,
    logTail(lines) {
      const all = log.replace(/\s+$/, '').split('\n');
      if (all.length === 1 && all[0] === '') return '';
      const shown = all.slice(-lines);
      return (all.length > lines ? [`… ${all.length - lines} earlier lines`, ...shown] : shown).join('\n');
    },
    async stop(graceMs) {
      if (pid === undefined) return;
      killGroup(pid, 'SIGTERM');
      await waitGone(performance.now() + graceMs);
      if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
      await waitGone(performance.now() + 2000);
      await Promise.race([done, new Promise((r) => setTimeout(r, 500))]);
      untrackProcessGroup(pid);
    },
  };
}
