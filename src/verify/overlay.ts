/**
 * Materialises an example that `extends` earlier ones into its temporary copy: the base chain first, each
 * later layer's `remove` entries deleted, then its files copied over (later layers win). Deletion is
 * confined to the copy: an entry that is absolute, climbs out with `..`, or passes through a symbolic link
 * is refused, so a base's symlink cannot lead a removal into the repository or anywhere else.
 *
 *   await materializeExample('/repo', manifest, '/tmp/verify-snippets-x/example')
 *   moduleSearchFolders('snippets/51-docker/lumen/lumen/app.py', manifest)
 *   // → ['snippets/51-docker/lumen/lumen', 'snippets/50-fastapi/lumen/lumen', 'snippets/51-docker/lumen', 'snippets/50-fastapi/lumen']
 */
import { cp, lstat, realpath, rm } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { BookError, diagnostic } from '../core/diagnostics.ts';
import { exampleRelative, type OverlayLayer } from '../core/overlay.ts';
import type { Manifest } from './manifest.ts';

const RULE = 'verify-extends';

type Layered = Pick<Manifest, 'dir' | 'file' | 'layers'>;

function refuse(layer: OverlayLayer, entry: string, why: string): never {
  throw new BookError(
    diagnostic({ file: layer.manifest, rule: RULE, message: `remove: "${entry}" ${why}; nothing was deleted for it`, hint: 'remove deletes files or folders of the base inside the temporary copy only; name them by their path relative to the example folder.' }),
  );
}

/** Deletes the example-relative `entry` inside `target` (an absolute folder), and nothing outside it. */
export async function removeInside(target: string, entry: string, layer: OverlayLayer): Promise<void> {
  const clean = exampleRelative(entry);
  if (clean === undefined) refuse(layer, entry, 'is outside the example folder');
  const top = await realpath(target);
  // Walk the path one component at a time: every folder on the way must be a real folder inside the copy.
  const parts = clean.split('/');
  let current = top;
  for (const [index, part] of parts.entries()) {
    current = join(current, part);
    let info;
    try {
      info = await lstat(current);
    } catch {
      return; // not there (already removed by an earlier entry): nothing to delete
    }
    const last = index === parts.length - 1;
    if (!last && info.isSymbolicLink()) refuse(layer, entry, `passes through the symbolic link ${parts.slice(0, index + 1).join('/')}`);
    if (!last && !info.isDirectory()) return;
  }
  const fromTop = relative(top, current);
  if (fromTop === '' || fromTop.startsWith('..') || fromTop.split(sep).includes('..')) refuse(layer, entry, 'resolves outside the temporary copy');
  // A symbolic link itself is removed, never what it points to.
  await rm(current, { recursive: true, force: true });
}

/** Copies base chain + overlay into `target` (created if needed). */
export async function materializeExample(root: string, manifest: Layered, target: string): Promise<void> {
  const layers = manifest.layers.length > 0 ? manifest.layers : [{ dir: manifest.dir, manifest: manifest.file, remove: [] }];
  for (const [index, layer] of layers.entries()) {
    if (index > 0) for (const entry of layer.remove) await removeInside(target, entry, layer);
    await cp(join(root, layer.dir), target, { recursive: true, force: true });
  }
}

/**
 * Folders a Python file of an overlay may import local modules from: each folder from the file's own up to
 * its example folder, in every layer of the example (this example's first). The static Python checker
 * resolves against these instead of the file's own example only.
 */
export function moduleSearchFolders(path: string, manifest: Layered): string[] {
  const folders: string[] = [];
  let below = posix.dirname(path).slice(manifest.dir.length).replace(/^\//, '');
  for (;;) {
    for (let index = manifest.layers.length - 1; index >= 0; index -= 1) {
      const layer = manifest.layers[index] as OverlayLayer;
      folders.push(below === '' ? layer.dir : `${layer.dir}/${below}`);
    }
    if (below === '') return folders;
    below = below.includes('/') ? posix.dirname(below) : '';
  }
}

/** The repo-relative files of every layer of an example: what its local steps' cache key depends on. */
export function layeredFiles(all: readonly string[], manifest: Layered): string[] {
  const dirs = manifest.layers.length > 0 ? manifest.layers.map((l) => l.dir) : [manifest.dir];
  return all.filter((path) => dirs.some((dir) => path.startsWith(`${dir}/`)));
}
