/**
 * The Go toolchain's environment for builds into the cache: module and build caches inside it, the
 * local toolchain only (never a downloaded one), static binaries.
 */
import { join } from 'node:path';

export function goEnv(cache: string, env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return {
    ...env,
    GOMODCACHE: join(cache, 'go', 'mod'),
    GOCACHE: join(cache, 'go', 'build'),
    GOPATH: join(cache, 'go', 'path'),
    GOTOOLCHAIN: 'local',
    CGO_ENABLED: '0',
    GOFLAGS: undefined,
    GOBIN: undefined,
  };
}
