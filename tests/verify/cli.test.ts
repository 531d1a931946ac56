import { afterAll, describe, expect, it } from 'vitest';
import { parseCliOptions } from '../../src/verify/cli-options.ts';
import { mainVerifySnippets } from '../../src/verify/main.ts';
import { cleanupFixtures, copyFixture, countingCheckers, fakeLoadBook } from './helpers.ts';

afterAll(cleanupFixtures);

async function cli(argv: string[], root = '.', env: Record<string, string | undefined> = { ...process.env, CI: 'true' }) {
  let stdout = '';
  let stderr = '';
  const code = await mainVerifySnippets(argv, {
    root,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
    tty: false,
    deps: { loadBook: fakeLoadBook, checkers: countingCheckers(), validateMermaid: async () => null },
  });
  return { code, stdout, stderr };
}

describe('verify-snippets command line', () => {
  it('prints help', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: npm run verify-snippets -- \[options\]/);
    for (const flag of ['--chapter', '--snippet', '--changed', '--update', '--no-cache', '--cluster', '--keep', '--strict', '--static-only', '--json', '--junit', '--jobs']) expect(stdout).toContain(flag);
  });

  it.each([
    [['--chapter', 'x'], '--chapter takes a chapter number, e.g. --chapter 53'],
    [['--chapter', '12'], '--chapter must be between 50 and 61'],
    [['--cluster', 'kube'], '--cluster must be kind, current or local (got "kube")'],
    [['--cluster', 'local', '--keep'], '--keep cannot be combined with --cluster local (its control plane lives only as long as the run)'],
    [['--keep'], '--keep only makes sense with --cluster kind|current'],
    [['--jobs', '0'], '--jobs takes a positive whole number'],
  ])('rejects %j', (argv, message) => {
    expect(parseCliOptions(argv)).toEqual({ ok: false, message });
  });

  it('exits 2 on an unknown option, with a pointer to --help', async () => {
    const { code, stderr } = await cli(['--frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toMatchInlineSnapshot(`
      "verify-snippets: Unknown option '--frobnicate'
      Run with --help for usage.
      "
    `);
  });

  it('prints plain progress lines under CI and JSON on stdout with --json', async () => {
    const root = await copyFixture('book');
    const { code, stdout, stderr } = await cli(['--json', '--jobs', '1'], root);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { summary: { passed: number } };
    expect(report.summary.passed).toBe(4);
    expect(stderr.split('\n').filter(Boolean)[0]).toBe('[1/9] ok   snippets/50-fastapi/hello/ (local steps)');
  });

  it('exits 1 when something fails, with the summary line last', async () => {
    const root = await copyFixture('untidy');
    const { code, stdout } = await cli([], root);
    expect(code).toBe(1);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('verify-snippets: 1 passed, 1 failed, 0 skipped');
  });
});
