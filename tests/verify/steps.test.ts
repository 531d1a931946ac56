import { chmod, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadManifest } from '../../src/verify/manifest.ts';
import { RequirementProbe } from '../../src/verify/requirements.ts';
import { passThroughEnv, runSteps } from '../../src/verify/steps.ts';
import { cleanupFixtures, copyFixture } from './helpers.ts';

afterAll(cleanupFixtures);

async function run(example: string, env: Record<string, string | undefined> = process.env) {
  const root = await copyFixture('steps');
  const manifest = await loadManifest(root, `snippets/50-steps/${example}/verify.yaml`);
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) clean[k] = v;
  const probe = new RequirementProbe({ env: clean, cwd: root });
  const results = await runSteps(manifest.steps, { root, manifest, tier: 'local', probe, baseEnv: passThroughEnv(env), update: false, graceMs: 300 });
  return { root, results };
}

/** Alive and not a zombie. */
async function alive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

describe('running steps', () => {
  it('kills a step that never ends at its timeout, with its whole process tree', async () => {
    const started = Date.now();
    const { results } = await run('forever');
    const [result] = results;
    expect(result?.status).toBe('failed');
    expect(result?.diagnostics[0]?.message).toBe('Step "never ends" timed out after 3s; its whole process tree was killed');
    const pid = Number(/grandchild (\d+)/.exec(result?.detail ?? '')?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(await alive(pid)).toBe(false);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('runs in a temporary copy: a step that deletes everything cannot touch the fixture', async () => {
    const { root, results } = await run('destroy');
    expect(results[0]?.status).toBe('passed');
    const left = (await readdir(join(root, 'snippets/50-steps/destroy'))).sort();
    expect(left).toEqual(['.hidden', 'keep-me.txt', 'verify.yaml']);
    expect(await readFile(join(root, 'snippets/50-steps/destroy/keep-me.txt'), 'utf8')).toBe('precious\n');
  });

  it('reports missing requirements as skipped with the reason, never passed', async () => {
    const bin = await realpath(await mkdtemp(join(tmpdir(), 'verify-test-bin-')));
    try {
      // A docker client without an engine: `docker info` fails.
      await writeFile(join(bin, 'docker'), '#!/bin/sh\necho "Cannot connect to the Docker daemon" >&2\nexit 1\n');
      await chmod(join(bin, 'docker'), 0o755);
      const { results } = await run('needs', { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` });
      expect(results.map((r) => [r.name, r.status, r.skipReason])).toEqual([
        ['step: python package', 'skipped', 'python package surely_not_installed_pkg is not importable by python3'],
        ['step: docker', 'skipped', 'no Docker engine: `docker info` failed'],
        ['step: program', 'skipped', 'program no-such-program-xyz is not on PATH'],
        ['step: cluster in local tier', 'skipped', 'needs a cluster: declare this step under cluster.steps'],
        ['step: shell is there', 'passed', undefined],
      ]);
    } finally {
      await rm(bin, { recursive: true, force: true });
    }
  });

  it('checks exit status, gives a clean environment and feeds stdin', async () => {
    const { results } = await run('exits', { ...process.env, VERIFY_TEST_SECRET: 'leaked' });
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['step: expected failure status', 'passed'],
      ['step: unexpected status', 'failed'],
      ['step: clean environment', 'passed'],
      ['step: stdin', 'passed'],
      ['step: in a subfolder', 'passed'],
    ]);
    expect(results[1]?.diagnostics[0]?.message).toBe('Step "unexpected status" exited with status 4, expected 0');
    expect(results[1]?.diagnostics[0]?.line).toBe(6);
    expect(results[1]?.detail).toBe('something broke');
  });
});

describe('clean environment', () => {
  it('passes only PATH-like variables through', async () => {
    const env = passThroughEnv({ PATH: '/bin', AWS_SECRET_ACCESS_KEY: 'x', HOME: '/root', PYENV_ROOT: '/p', PYTHONPATH: '/site', PYTHONSTARTUP: '/s.py' });
    expect(env).toEqual({ PATH: '/bin', PYENV_ROOT: '/p', PYTHONPATH: '/site' });
  });
});
