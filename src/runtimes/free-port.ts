/**
 * Free TCP ports on 127.0.0.1 (asks the kernel for port 0, then releases it) and a small wait-for helper.
 *
 *   const [a, b] = await freePorts(2);  // → [41233, 38811]
 */
import { createServer } from 'node:net';

function onePort(): Promise<{ port: number; close: () => Promise<void> }> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('no port'));
        return;
      }
      resolvePromise({ port: address.port, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/** `count` distinct free ports (held open together while choosing, so they differ). */
export async function freePorts(count: number): Promise<number[]> {
  const held = [];
  for (let i = 0; i < count; i++) held.push(await onePort());
  await Promise.all(held.map((h) => h.close()));
  return held.map((h) => h.port);
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Calls `probe` every `intervalMs` until it returns true, `giveUp()` returns a reason, or `timeoutMs` passes.
 * Returns undefined on success, else why it stopped.
 */
export async function waitUntil(
  probe: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; giveUp?: () => string | undefined },
): Promise<string | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const reason = options.giveUp?.();
    if (reason !== undefined) return reason;
    if (await probe().catch(() => false)) return undefined;
    if (Date.now() > deadline) return `not healthy after ${Math.round(options.timeoutMs / 1000)} s`;
    await sleep(options.intervalMs ?? 250);
  }
}
