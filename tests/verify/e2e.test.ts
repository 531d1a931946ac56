import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitUntil } from '../../src/runtimes/free-port.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupFixtures, copyFixture } from './helpers.ts';

afterAll(cleanupFixtures);

const SCRIPT = fileURLToPath(new URL('../../scripts/verify-snippets.ts', import.meta.url));

describe('npm run verify-snippets, end to end with the real book loader and checkers', () => {
  it('verifies the fixture book (static + local), then answers from the cache', async () => {
    const root = await copyFixture('book');
    const run = () => spawnSync(process.execPath, [SCRIPT, '--json'], { cwd: root, env: { ...process.env, CI: 'true' }, encoding: 'utf8', timeout: 120_000 });
    const first = run();
    expect(first.stderr).not.toContain('unexpected error');
    expect(first.status).toBe(0);
    const report = JSON.parse(first.stdout) as { summary: { passed: number; failed: number; skipped: number }; snippets: { path: string; reached: string; checks: { cached: boolean; tier: string }[] }[] };
    expect(report.summary).toMatchObject({ passed: 4, failed: 0, skipped: 3 });
    expect(report.snippets.find((s) => s.path.endsWith('hello.sh'))?.reached).toBe('local');
    const second = JSON.parse(run().stdout) as typeof report;
    const hello = second.snippets.find((s) => s.path.endsWith('hello.sh'));
    expect(hello?.checks.every((c) => c.cached)).toBe(true);
  });

  it('fails on the untidy book and says why', async () => {
    const root = await copyFixture('untidy');
    const result = spawnSync(process.execPath, [SCRIPT, '--strict'], { cwd: root, env: { ...process.env, CI: 'true' }, encoding: 'utf8', timeout: 120_000 });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('snippets/unused/old.txt  error  snippets/unused/old.txt is not included by any chapter  [snippet-unused]');
    expect(result.stdout).toContain('chapters/51-containers/index.mdx:12:1  error  snippets/51-containers/notes.txt is shown in the book but nothing verifies it');
  });
});

describe('interrupting npm run verify-snippets', () => {
  it('on Ctrl-C takes running steps (in their own process groups) down with it and exits 130', async () => {
    const root = await copyFixture('hang');
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [SCRIPT, '--no-cache'], { cwd: root, env: { ...process.env, CI: 'true' }, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const sleeper = () => {
      const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
      return ps.stdout.split('\n').filter((line) => line.trim().endsWith('sleep 3117')).map((line) => Number(line.trim().split(/\s+/)[0]));
    };
    let pids: number[] = [];
    await waitUntil(async () => (pids = sleeper()).length > 0, { timeoutMs: 90_000, intervalMs: 50 });
    expect(pids.length).toBe(1);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    // The step's process group gets its signal before the runner exits; give the kernel time to reap it.
    await waitUntil(async () => sleeper().length === 0, { timeoutMs: 10_000, intervalMs: 50 });
    expect(sleeper()).toEqual([]);
    // …and its temporary copy of the example is gone too.
    const { existsSync, readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const leftovers = readdirSync(tmpdir()).filter((name) => name.startsWith('verify-snippets-') && existsSync(`${tmpdir()}/${name}/example/wait.sh`));
    expect(leftovers).toEqual([]);
  });
});
