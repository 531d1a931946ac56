/**
 * The Python environment of an example: with `requirements: X.txt` and a lock file `X.lock` beside it, its
 * steps run in the virtual environment the runtimes module installed from that lock (`<venv>/bin` first on
 * PATH, VIRTUAL_ENV set). Where the lock exists but the venv is not provisioned, the reason (with the command
 * that provisions it) is returned, so steps needing Python modules are SKIPPED, never run on another Python.
 *
 *   lockFileFor({ dir: 'snippets/50-fastapi/lumen', requirements: 'requirements.txt' })  // → 'snippets/50-fastapi/lumen/requirements.lock'
 *   await pythonEnvFor(root, manifest, locator, env)
 *   // → { kind: 'ready', venv: '…/runtimes/python/3f2a…', env: { PATH: '…/bin:/usr/bin', VIRTUAL_ENV: '…' } }
 */
import { access } from 'node:fs/promises';
import { delimiter, join, posix } from 'node:path';
import type { Manifest } from './manifest.ts';
import type { RuntimeLocator } from './services/locator.ts';

export type PythonEnv = { kind: 'none' } | { kind: 'ready'; venv: string; bin: string } | { kind: 'missing'; reason: string };

/** The repo-relative lock file of an example's requirements file, or undefined when it has none. */
export function lockFileFor(manifest: Pick<Manifest, 'dir' | 'requirements'>): string | undefined {
  if (manifest.requirements === undefined) return undefined;
  const requirements = posix.join(manifest.dir, manifest.requirements);
  return `${requirements.replace(/\.(txt|in)$/, '')}.lock`;
}

export async function pythonEnvFor(root: string, manifest: Pick<Manifest, 'dir' | 'requirements'>, locator: RuntimeLocator, env: Readonly<Record<string, string | undefined>>): Promise<PythonEnv> {
  const lock = lockFileFor(manifest);
  if (lock === undefined) return { kind: 'none' };
  try {
    await access(join(root, lock));
  } catch {
    return { kind: 'none' };
  }
  const found = await locator.pythonEnv(join(root, lock), { env });
  if (found.ready) return { kind: 'ready', venv: found.venv, bin: found.bin };
  return { kind: 'missing', reason: `python environment for ${lock} is not provisioned: run \`${found.provision}\`` };
}

/** The steps' pass-through environment with the venv active. */
export function withPythonEnv(base: Record<string, string>, python: PythonEnv): Record<string, string> {
  if (python.kind !== 'ready') return base;
  const path = base['PATH'];
  return { ...base, PATH: path ? `${python.bin}${delimiter}${path}` : python.bin, VIRTUAL_ENV: python.venv };
}
