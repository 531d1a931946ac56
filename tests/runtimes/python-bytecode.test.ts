/**
 * A provisioned venv holds its packages' bytecode: steps run with PYTHONDONTWRITEBYTECODE=1 (nothing is
 * written into the cache), so a venv without it recompiles every imported module in every step.
 * Skipped with the provisioning command where Lumen's venv is not provisioned.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { locatePythonEnv } from '../../src/runtimes/locate.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const lumen = locatePythonEnv('snippets/50-fastapi/lumen/requirements-dev.lock', { env: process.env, root });

it.skipIf(!lumen.ready)(`Lumen's venv has fastapi and pydantic compiled${lumen.ready ? '' : ` (skipped: ${lumen.reason}; ${lumen.provision})`}`, () => {
  if (!lumen.ready) return;
  const lib = join(lumen.venv, 'lib');
  const site = join(lib, readdirSync(lib).find((d) => d.startsWith('python')) ?? 'python3', 'site-packages');
  for (const pkg of ['fastapi', 'pydantic']) {
    const cache = join(site, pkg, '__pycache__');
    expect(existsSync(cache) ? readdirSync(cache).filter((f) => f.endsWith('.pyc')).length : 0, `${pkg}/__pycache__`).toBeGreaterThan(3);
  }
});
