/**
 * The one place where an example's temporary copy is made: everything a step or a service sees of the
 * example comes from here. An example that `extends` another gets its base chain first, then its own
 * files (src/verify/overlay.ts). The copy is a plain folder the caller owns and removes.
 *
 *   await materialiseExample('/repo', manifest, '/tmp/verify-snippets-x/example')
 */
import type { Manifest } from './manifest.ts';
import { materializeExample } from './overlay.ts';

/** Base chain + overlay (src/verify/overlay.ts); a plain copy of the folder when the example extends nothing. Throws a BookError for a removal or layering it refuses. */
export async function materialiseExample(root: string, manifest: Pick<Manifest, 'dir' | 'file' | 'layers'>, destination: string): Promise<void> {
  await materializeExample(root, manifest, destination);
}
