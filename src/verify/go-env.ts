/**
 * The Go environment of an example with a go.mod (its own, or inherited from the example it extends): its
 * steps build offline against the module cache `npm run runtimes -- install go-modules` downloaded for that
 * go.mod and go.sum (GOPROXY=off, -mod=readonly, the local toolchain), with Go's build cache in the runtimes
 * cache so a second run compiles nothing. Where the modules are not provisioned, the reason (with the command)
 * is returned, so steps needing `go` are SKIPPED; the others still get GOPROXY=off, so nothing downloads.
 *
 *   await goModulesFor(root, manifest, locator, env)
 *   // → { kind: 'ready', folder: 'snippets/54-cicd/image-name', modCache: '…/runtimes/go-modules/3f2a…/mod', buildCache: '…/go/build' }
 *   withGoEnv({ PATH: '/usr/bin' }, ready)
 *   // → { PATH: '/usr/bin', GOPROXY: 'off', GOFLAGS: '-mod=readonly', GOTOOLCHAIN: 'local', GOMODCACHE: '…', GOCACHE: '…' }
 */
import { join, posix } from 'node:path';
import { fileInLayers } from '../core/overlay.ts';
import type { Manifest } from './manifest.ts';
import type { RuntimeLocator } from './services/locator.ts';

export type GoModules =
  | { kind: 'none' }
  | { kind: 'ready'; folder: string; modCache: string; buildCache: string }
  | { kind: 'missing'; folder: string; reason: string };

export async function goModulesFor(root: string, manifest: Pick<Manifest, 'layers'>, locator: RuntimeLocator, env: Readonly<Record<string, string | undefined>>): Promise<GoModules> {
  const goMod = fileInLayers(root, manifest.layers, 'go.mod');
  if (goMod === undefined) return { kind: 'none' };
  const folder = posix.dirname(goMod);
  const found = await locator.goModules(join(root, folder), { env });
  if (found.ready) return { kind: 'ready', folder, modCache: found.modCache, buildCache: found.buildCache };
  return { kind: 'missing', folder, reason: `Go modules of ${folder} are not provisioned: run \`${found.provision}\`` };
}

/** The steps' pass-through environment with Go offline (and, when provisioned, its module and build caches). */
export function withGoEnv(base: Record<string, string>, go: GoModules): Record<string, string> {
  if (go.kind === 'none') return base;
  const offline = { ...base, GOPROXY: 'off', GOFLAGS: '-mod=readonly', GOTOOLCHAIN: 'local' };
  return go.kind === 'ready' ? { ...offline, GOMODCACHE: go.modCache, GOCACHE: go.buildCache } : offline;
}
