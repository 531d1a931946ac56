/**
 * A throwaway redis-server on a free 127.0.0.1 port (no persistence, data in a temporary folder), healthy
 * once it answers PING.
 *
 *   const redis = locateRuntime('redis', { env });
 *   if (redis.ready) { const r = await startRedis({ redisServer: redis.redisServer }); …; await r.stop(); }
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts, waitUntil } from './free-port.ts';
import { ServiceStartError } from './kafka-broker.ts';
import { startService, type ServiceProcess } from './service-process.ts';

export interface RedisServer {
  host: string;
  port: number;
  dir: string;
  process: ServiceProcess;
  startToHealthyMs: number;
  stop: () => Promise<void>;
}

/** Sends an inline PING and resolves true on +PONG. */
export function redisPing(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = new Socket();
    const timer = setTimeout(() => {
      socket.destroy();
      resolvePromise(false);
    }, timeoutMs);
    socket.on('error', () => {
      clearTimeout(timer);
      resolvePromise(false);
    });
    socket.on('data', (chunk) => {
      clearTimeout(timer);
      socket.destroy();
      resolvePromise(chunk.toString().startsWith('+PONG'));
    });
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

export async function startRedis(options: {
  redisServer: string;
  env?: Readonly<Record<string, string | undefined>> | undefined;
  parentDir?: string | undefined;
  timeoutMs?: number | undefined;
}): Promise<RedisServer> {
  const dir = mkdtempSync(join(options.parentDir ?? tmpdir(), 'redis-'));
  const [port] = (await freePorts(1)) as [number];
  const started = performance.now();
  const proc = startService({
    argv: [options.redisServer, '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
    cwd: dir,
    env: options.env ?? process.env,
    logFile: join(dir, 'redis.log'),
  });
  const failure = await waitUntil(() => redisPing(port), {
    timeoutMs: options.timeoutMs ?? 20_000,
    intervalMs: 100,
    giveUp: () => {
      const exit = proc.exited();
      return exit === undefined ? undefined : `redis-server ${exit}`;
    },
  });
  const startToHealthyMs = performance.now() - started;
  const stop = async () => {
    await proc.stop(5000);
    rmSync(dir, { recursive: true, force: true });
  };
  if (failure !== undefined) {
    const log = proc.logTail(30);
    await stop();
    throw new ServiceStartError(`redis: redis-server on 127.0.0.1:${port} did not answer PING: ${failure}`, log);
  }
  return { host: '127.0.0.1', port, dir, process: proc, startToHealthyMs, stop };
}
