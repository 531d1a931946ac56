/**
 * Long-running service processes (redis-server, Dapr's placement, scheduler and daprd, an example's app),
 * started through the runtimes module's `startService` (own process group, output in a log file, SIGTERM
 * then SIGKILL on stop) and also registered with verify's process registry, so an interrupted CLI that
 * kills every step's group kills the services too.
 *
 *   const redis = spawnService({ name: 'redis', argv: ['redis-server', '--port', '6400'], cwd, env, logFile });
 *   redis.exited()      // → undefined while it runs, 'exited with code 1' after
 *   redis.logTail(30)   // → the last 30 lines it printed
 *   await redis.stop(2000)
 */
import { startService } from '../../runtimes/service-process.ts';
import { trackProcessGroup, untrackProcessGroup } from '../process.ts';

export interface ServiceProcessRequest {
  /** A short label for logs: `redis`, `dapr placement`. */
  name: string;
  argv: readonly string[];
  cwd: string;
  env: Record<string, string>;
  logFile: string;
}

/** What the session needs of anything it started: a name, its pid, its log and a way to stop it. */
export interface ServiceProcess {
  readonly name: string;
  readonly pid: number | undefined;
  /** How it ended (`exited with code 1`, `killed by SIGKILL`, `cannot run …`), undefined while running. */
  exited(): string | undefined;
  logTail(lines: number): string;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves when the group is gone. */
  stop(graceMs: number): Promise<void>;
}

export function spawnService(request: ServiceProcessRequest): ServiceProcess {
  const started = startService({ argv: request.argv, cwd: request.cwd, env: request.env, logFile: request.logFile });
  const pid = started.pid > 0 ? started.pid : undefined;
  if (pid !== undefined) trackProcessGroup(pid);
  return {
    name: request.name,
    pid,
    exited: started.exited,
    logTail: (lines) => started.logTail(lines),
    async stop(graceMs) {
      await started.stop(graceMs);
      if (pid !== undefined) untrackProcessGroup(pid);
    },
  };
}
