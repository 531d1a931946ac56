/**
 * The caches the installers build from, beside the installs themselves: Go's module and build caches
 * (the Dapr, Kubernetes and tool builds left 17.4 GiB there on a cold run), Maven's repository and
 * uv's downloads. An install never reads Go's caches again once it is built, so `prune` may remove them; the
 * next rebuild (a changed pin, or --force) downloads and compiles again, and the first build of a Go example
 * in verify-snippets compiles the standard library again. Maven's and uv's are small and let a venv or the
 * Kafka classpath be rebuilt offline, so they stay.
 *
 *   buildCaches('/c')        // → [{ name: 'go modules', path: '/c/go/mod', prunable: true }, …]
 *   pruneBuildCaches('/c')   // → [{ name: 'go modules', path: '/c/go/mod', bytes: 8_912_345_678 }, …]
 */
import { chmodSync, existsSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatSize } from './disk-size.ts';
import { InstallError } from './exec.ts';
import { goEnv } from './go-env.ts';

export interface BuildCache {
  name: string;
  path: string;
  /** Whether `prune` removes it. */
  prunable: boolean;
}

export function buildCaches(cache: string): BuildCache[] {
  const go = goEnv(cache, {});
  return [
    { name: 'go modules', path: go['GOMODCACHE'] as string, prunable: true },
    { name: 'go builds', path: go['GOCACHE'] as string, prunable: true },
    { name: 'maven repository', path: join(cache, 'maven', 'repository'), prunable: false },
    { name: 'uv downloads', path: join(cache, 'uv-cache'), prunable: false },
  ];
}

/**
 * One walk over `path`: the bytes of its files and symlinks (as `diskSize` counts them), and every folder
 * made writable by its owner on the way, since Go writes its module cache read-only and rmSync could not
 * empty it otherwise. Measuring and unlocking in the same pass reads 17 GiB of small files once, not twice.
 */
function measureAndUnlock(path: string): number {
  let bytes = 0;
  const stack = [path];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    const stat = lstatSync(current);
    if (!stat.isDirectory()) {
      bytes += stat.size;
      continue;
    }
    if ((stat.mode & 0o200) === 0) chmodSync(current, stat.mode | 0o700);
    for (const entry of readdirSync(current)) stack.push(join(current, entry));
  }
  return bytes;
}

/** What removes a cache folder; tests pass one that fails the way a folder owned by another user does. */
export type RemoveFolder = (path: string) => void;

const removeFolder: RemoveFolder = (path) => rmSync(path, { recursive: true, force: true });

/**
 * Removes the prunable caches that exist and says how many bytes each held; `progress` hears of each before
 * its removal starts (17 GiB of small files take minutes). Installs under runtimes/ are never touched. A
 * folder that cannot be walked or removed (files left by a run with sudo, say) stops the prune with an
 * InstallError that names it, the system's reason and what was removed before it.
 */
export function pruneBuildCaches(cache: string, progress: (name: string, path: string) => void = () => {}, remove: RemoveFolder = removeFolder): { name: string; path: string; bytes: number }[] {
  const removed: { name: string; path: string; bytes: number }[] = [];
  for (const entry of buildCaches(cache).filter((c) => c.prunable && existsSync(c.path))) {
    progress(entry.name, entry.path);
    try {
      const bytes = measureAndUnlock(entry.path);
      remove(entry.path);
      removed.push({ name: entry.name, path: entry.path, bytes });
    } catch (error) {
      if (!(error instanceof Error && 'code' in error)) throw error;
      const before = removed.length > 0 ? removed.map((r) => `${r.name}, ${formatSize(r.bytes)}`).join('; ') : 'nothing';
      throw new InstallError(
        `could not remove ${entry.name} (${entry.path}): ${error.message} (removed before it: ${before})`,
        `check who owns ${entry.path} (a run with sudo leaves files only root may remove), then remove it by hand or run prune again as that user`,
      );
    }
  }
  return removed;
}
