/**
 * Lumen, the running example, is written once. Chapter 51's example extends chapter 50's (it adds the
 * Dockerfile and the scripts around it), and chapter 53's extends chapter 51's (it adds the manifests), so
 * their folders hold only what each chapter adds or changes. This test pins those chains, keeps copies of a
 * base's files out of the overlays (a copy would silently drift from the code it claims to be), and checks
 * that the image the overlays build and the venv their steps run in come from the same lock file.
 */
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';
import { fileInLayers, resolveOverlayChain } from '../../src/core/overlay.ts';
import { loadManifest } from '../../src/verify/manifest.ts';
import { overlayCopies } from '../../src/verify/overlay.ts';
import { listSnippetFiles } from '../../src/verify/plan.ts';
import { lockFileFor } from '../../src/verify/python-env.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

const LUMEN = 'snippets/50-fastapi/lumen';
const DOCKER = 'snippets/51-docker/lumen';
const KUBERNETES = 'snippets/53-kubernetes/manifests';

/** Each overlay of the running example and the chain it is built from, base first. */
const CHAINS: [string, string[]][] = [
  [DOCKER, [LUMEN, DOCKER]],
  [KUBERNETES, [LUMEN, DOCKER, KUBERNETES]],
];

describe('the running example is written once', () => {
  test.each(CHAINS)('%s extends the chain it is built from', (example, expected) => {
    const chain = resolveOverlayChain(root, example);
    if (!chain.ok) throw new Error(chain.diagnostics.map(formatDiagnostic).join('\n'));
    expect(chain.layers.map((layer) => layer.dir)).toEqual(expected);
  });

  test('no overlay holds a copy of a file its base provides', async () => {
    const manifests = await Promise.all(CHAINS.map(([example]) => loadManifest(root, `${example}/verify.yaml`)));
    const copies = await overlayCopies(root, manifests, await listSnippetFiles(root), { strict: true });
    expect(copies.map(formatDiagnostic), 'delete these copies: the base provides them').toEqual([]);
  });

  test.each(CHAINS.map(([example]) => example))('%s: the steps run in the venv of the lock its image installs', async (example) => {
    const manifest = await loadManifest(root, `${example}/verify.yaml`);
    // The Dockerfile installs requirements.lock from the build context, the materialised example.
    const installed = fileInLayers(root, manifest.layers, 'requirements.lock');
    expect(installed).toBe(`${LUMEN}/requirements.lock`);
    expect(lockFileFor(manifest)).toBe(installed);
    // The application the image copies (COPY lumen/ ./lumen/) is chapter 50's.
    expect(fileInLayers(root, manifest.layers, 'lumen/main.py')).toBe(posix.join(LUMEN, 'lumen/main.py'));
    expect(fileInLayers(root, manifest.layers, 'Dockerfile')).toBe(`${DOCKER}/Dockerfile`);
  });
});
