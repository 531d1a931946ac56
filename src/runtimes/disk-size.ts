/**
 * How big a folder is on disk and how to say it: the sizes `runtimes list` shows and `prune` reports.
 *
 *   formatSize(8192)            // → '8 KiB'
 *   diskSize('/c/go/build')     // → 4096 (bytes of its files and symlinks)
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

/** Bytes under a folder (files and symlinks themselves, not what links point to). */
export function diskSize(path: string): number {
  let total = 0;
  const stack = [path];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    let stat;
    try {
      stat = lstatSync(current);
    } catch {
      continue;
    }
    if (stat.isDirectory()) for (const entry of readdirSync(current)) stack.push(join(current, entry));
    else total += stat.size;
  }
  return total;
}
