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
import { cp, lstat, readFile, realpath, rm } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { BookError, diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { exampleRelative, fileInLayers, MANIFEST_FILE, type OverlayLayer } from '../core/overlay.ts';
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
    try {
      await cp(join(root, layer.dir), target, { recursive: true, force: true });
    } catch (error) {
      // Node refuses to copy a folder onto a file or a symbolic link (it never writes through the link).
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!code.startsWith('ERR_FS_CP_') || index === 0) throw error;
      const path = typeof (error as { path?: unknown }).path === 'string' ? relative(target, (error as { path: string }).path) : '';
      throw new BookError(
        diagnostic({
          file: layer.manifest,
          rule: RULE,
          message: `${layer.dir}/ cannot be laid over its base${path && !path.startsWith('..') ? ` at ${path}` : ''}: a path that is a folder in one layer is a file or a symbolic link in another (${code})`,
          hint: 'List the base\'s path under remove, so this example\'s folder replaces it.',
        }),
      );
    }
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

/**
 * Files of an overlay that are byte-for-byte the file they replace in the base: copies the overlay does not
 * need (the base provides them) and that would silently drift. Warnings, errors under --strict.
 */
export async function overlayCopies(root: string, examples: Iterable<Layered>, all: readonly string[], options: { strict?: boolean | undefined }): Promise<Diagnostic[]> {
  const found: Diagnostic[] = [];
  for (const manifest of examples) {
    if (manifest.layers.length < 2) continue;
    const baseLayers = manifest.layers.slice(0, -1);
    for (const path of all) {
      if (!path.startsWith(`${manifest.dir}/`) || path === `${manifest.dir}/${MANIFEST_FILE}`) continue;
      const base = fileInLayers(root, baseLayers, path.slice(manifest.dir.length + 1));
      if (!base) continue;
      const [mine, theirs] = await Promise.all([readFile(join(root, path)), readFile(join(root, base)).catch(() => undefined)]);
      if (theirs === undefined || !mine.equals(theirs)) continue;
      found.push(
        diagnostic({
          file: path,
          severity: options.strict ? 'error' : 'warning',
          message: `${path} is identical to ${base}, which the example extends`,
          hint: `Delete it: the base provides it (show the base file, or change this one and show it with diff).`,
          rule: 'overlay-copy',
        }),
      );
    }
  }
  return found;
}
