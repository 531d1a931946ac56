/**
 * scripts/python-from-debian.sh without the network: its options, reusing a cache folder that works, and a
 * clear failure (exit 1, a reason and a hint, the last good folder kept) when Debian's archive is unreachable.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/python-from-debian.sh', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'python-from-debian-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const run = (...args: string[]) => {
  const result = spawnSync('bash', [script, ...args], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: scratch } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

/** A cache folder whose "packages" are empty modules under the names the script checks. */
function fakeCache(dir: string): string {
  const site = join(dir, 'site-packages');
  for (const module of ['fastapi', 'starlette', 'uvicorn', 'httpx2', 'pydantic', 'pydantic_settings', 'pytest']) {
    mkdirSync(join(site, module), { recursive: true });
    writeFileSync(join(site, module, '__init__.py'), '');
  }
  writeFileSync(join(site, 'fastapi', 'sse.py'), '');
  writeFileSync(join(site, 'fastapi', 'testclient.py'), '');
  writeFileSync(join(dir, 'packages.txt'), 'python3-fastapi 0.0.0-1\n');
  writeFileSync(join(dir, 'suite.txt'), 'unstable\n');
  return site;
}

const hasPython = spawnSync('python3', ['--version']).status === 0;

describe('bash scripts/python-from-debian.sh', () => {
  test('--help explains it and exits 0; a bad option exits 2 with a pointer to --help', () => {
    const help = run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: bash scripts\/python-from-debian\.sh/);
    const bad = run('--sweet', 'unstable');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('python-from-debian: unknown option "--sweet" (see --help)\n');
    expect(run('--dir').stderr).toContain('--dir needs a value');
  });

  test.skipIf(!hasPython)('reuses a working cache folder without the network and prints it', () => {
    const dir = join(scratch, 'works');
    const site = fakeCache(dir);
    const result = run('--dir', dir, '--mirror', 'http://127.0.0.1:9/debian');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${site}\n`);
    expect(result.stderr).toContain('reusing');
  });

  test.skipIf(!hasPython)('fails with a reason and a hint when the archive is unreachable, keeping the last good folder', () => {
    const dir = join(scratch, 'offline');
    const site = fakeCache(dir);
    const result = run('--dir', dir, '--refresh', '--mirror', 'http://127.0.0.1:9/debian');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/python-from-debian: (could not read Debian's package index|python3 .* cannot import pydantic)/);
    expect(result.stderr).toContain('hint:');
    expect(readFileSync(join(site, 'fastapi', '__init__.py'), 'utf8')).toBe('');
  });
});
