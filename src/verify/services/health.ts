/**
 * Readiness probes for services on loopback ports, and a wait loop that gives up at a deadline or as soon as
 * the process exits: a free port, a TCP connect, an HTTP status and Redis PING.
 *
 *   const port = await freePort();
 *   await waitHealthy(() => redisPing(port), { timeoutMs: 10_000, process: redis })
 *   // → { ok: true, ms: 140 } | { ok: false, reason: 'not healthy after 10 s' }
 */
import { request } from 'node:http';
import { createConnection, createServer } from 'node:net';
import type { ServiceProcess } from './supervisor.ts';

export const LOOPBACK = '127.0.0.1';

/** A TCP port that was free on 127.0.0.1 a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Sends `payload` to 127.0.0.1:port and resolves with what came back until `enough` says so (or the socket ends). */
function exchange(port: number, payload: Buffer, enough: (received: Buffer) => boolean, timeoutMs = 2000): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = createConnection({ host: LOOPBACK, port });
    const finish = (value: Buffer | undefined) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(timeoutMs, () => finish(undefined));
    socket.on('error', () => finish(undefined));
    socket.on('connect', () => socket.write(payload));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      if (enough(all)) finish(all);
    });
    socket.on('end', () => finish(chunks.length > 0 ? Buffer.concat(chunks) : undefined));
  });
}

export function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: LOOPBACK, port });
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

export function redisPing(port: number): Promise<boolean> {
  return exchange(port, Buffer.from('PING\r\n'), (b) => b.includes('\r\n')).then((reply) => reply?.toString('latin1').startsWith('+PONG') ?? false);
}

export function httpStatus(url: string, timeoutMs = 2000): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

export type Health = { ok: true; ms: number } | { ok: false; reason: string };

/** Polls `check` until it is true, the process exits, or `timeoutMs` passes. */
export async function waitHealthy(check: () => Promise<boolean>, options: { timeoutMs: number; process?: ServiceProcess | undefined; intervalMs?: number | undefined }): Promise<Health> {
  const started = performance.now();
  const deadline = started + options.timeoutMs;
  for (;;) {
    const exited = options.process?.exited();
    if (exited !== undefined) return { ok: false, reason: exited };
    if (await check()) return { ok: true, ms: Math.round(performance.now() - started) };
    if (performance.now() >= deadline) return { ok: false, reason: `was not healthy after ${Math.round(options.timeoutMs / 100) / 10} s` };
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
}
