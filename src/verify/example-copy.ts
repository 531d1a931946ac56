/**
 * The one place where an example's temporary copy is made: everything a step or a service sees of the
 * example comes from here (the `extends` overlay hooks in here too). The copy is a plain folder the caller
 * owns and removes.
 *
 *   await materialiseExample('/repo', manifest, '/tmp/verify-snippets-x/example')
 */
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from './manifest.ts';

export async function materialiseExample(root: string, manifest: Pick<Manifest, 'dir'>, destination: string): Promise<void> {
  await cp(join(root, manifest.dir), destination, { recursive: true });
}
